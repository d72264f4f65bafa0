#pragma once

#include <QString>
#include <QTemporaryDir>

namespace callvault::client::test {

/// Points QSettings (pins, language, last server) at a private temporary folder for the test process, and
/// names the application like the real one.
class TestSettings {
public:
    TestSettings();
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

/// Where tests keep artifacts (screenshots): $CALLVAULT_ARTIFACT_DIR, created if needed.
QString artifactDir();

}  // namespace callvault::client::test
