#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace callvault::client {

/// The UI language (§24): English or Hong Kong Traditional Chinese, switched at run time. Installing the
/// translator makes Qt send LanguageChange to every widget; each window re-translates in changeEvent().
/// The choice is remembered in QSettings ("language"). One per application (translators are global).
class LanguageManager : public QObject {
    Q_OBJECT

public:
    static LanguageManager& instance();

    /// "en" or "zh_HK".
    static QStringList languages() { return {QStringLiteral("en"), QStringLiteral("zh_HK")}; }
    /// The language's own name ("English", "繁體中文"), never translated.
    static QString nativeName(const QString& language);

    QString current() const { return m_current; }
    /// Installs `language` (unknown ones fall back to English) and remembers it; false if its catalogue is
    /// missing.
    bool setLanguage(const QString& language);
    /// The remembered language, or the system's (zh_* → zh_HK, else en).
    static QString remembered();

signals:
    void languageChanged(const QString& language);

private:
    LanguageManager();

    QTranslator* m_translator = nullptr;
    QString m_current;
};

}  // namespace callvault::client
