#include "tests/client/test_settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace callvault::client::test {

TestSettings::TestSettings() {
    QCoreApplication::setOrganizationName(QStringLiteral("CallVaultTest"));
    QCoreApplication::setApplicationName(QStringLiteral("CallVaultTest"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
}

QString artifactDir() {
    QString dir = qEnvironmentVariable("CALLVAULT_ARTIFACT_DIR");
    if (dir.isEmpty()) {
        dir = QDir::current().filePath(QStringLiteral("artifacts"));
    }
    QDir().mkpath(dir);
    return dir;
}

}  // namespace callvault::client::test
