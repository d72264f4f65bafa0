#include "client/app/language_manager.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace callvault::client {

LanguageManager& LanguageManager::instance() {
    static LanguageManager manager;
    return manager;
}

LanguageManager::LanguageManager() = default;

QString LanguageManager::nativeName(const QString& language) {
    if (language == QStringLiteral("zh_HK")) {
        return QStringLiteral("繁體中文");
    }
    return QStringLiteral("English");
}

QString LanguageManager::remembered() {
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    if (languages().contains(saved)) {
        return saved;
    }
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_HK") : QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString& language) {
    const QString chosen = languages().contains(language) ? language : QStringLiteral("en");
    auto* translator = new QTranslator(this);
    const bool loaded = translator->load(QStringLiteral("callvault_") + chosen, QStringLiteral(":/i18n"));
    if (m_translator != nullptr) {
        QCoreApplication::removeTranslator(m_translator);
        m_translator->deleteLater();
        m_translator = nullptr;
    }
    if (loaded) {
        QCoreApplication::installTranslator(translator);
        m_translator = translator;
    } else {
        delete translator;
    }
    m_current = chosen;
    QLocale::setDefault(
        QLocale(chosen == QStringLiteral("zh_HK") ? QStringLiteral("zh_HK") : QStringLiteral("en_GB")));
    QSettings().setValue(QStringLiteral("language"), chosen);
    emit languageChanged(chosen);
    return loaded;
}

}  // namespace callvault::client
