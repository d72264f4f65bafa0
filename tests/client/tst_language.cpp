// The language switch (§24): every open window re-translates at run time, and the choice is remembered.
#include "client/app/language_manager.h"
#include "client/dialogs/login_dialog.h"
#include "client/dialogs/password_change_dialog.h"
#include "client/models/recording_table_model.h"
#include "client/net/api_client.h"
#include "client/windows/main_window.h"
#include "client/windows/recordings_page.h"
#include "tests/client/test_settings.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace callvault;
using namespace callvault::client;

class TestLanguage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_settings = std::make_unique<test::TestSettings>(); }

    void catalogsLoad() {
        QVERIFY(LanguageManager::instance().setLanguage(QStringLiteral("zh_HK")));
        QCOMPARE(QCoreApplication::translate("callvault::client::RecordingsPage", "Search"),
                 QStringLiteral("搜索"));
        QVERIFY(LanguageManager::instance().setLanguage(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("callvault::client::RecordingsPage", "Search"),
                 QStringLiteral("Search"));
    }

    void openWindowsRetranslate() {
        LanguageManager::instance().setLanguage(QStringLiteral("en"));
        ApiClient api;
        api.setServer(QStringLiteral("127.0.0.1"), 1);
        Session session;
        session.login = QStringLiteral("ada");
        session.name = QStringLiteral("Ada Admin");
        session.role = Role::Admin;
        MainWindow window(&api);
        window.setSession(session);
        window.show();
        LoginDialog login(&api);
        login.show();
        PasswordChangeDialog password(&api);
        password.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.servicesMenu()->title(), QStringLiteral("&Services"));
        QCOMPARE(window.action(MainWindow::Entry::Recordings)->text(), QStringLiteral("Recordings"));
        QCOMPARE(window.recordingsPage()->searchButton()->text(), QStringLiteral("Search"));
        QCOMPARE(window.recordingsPage()
                     ->model()
                     ->headerData(RecordingTableModel::StartTime, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("Start time"));
        QCOMPARE(login.loginButton()->text(), QStringLiteral("Log in"));
        QCOMPARE(password.windowTitle(), QStringLiteral("Change password"));

        LanguageManager::instance().setLanguage(QStringLiteral("zh_HK"));
        QCoreApplication::processEvents();
        QCOMPARE(window.servicesMenu()->title(), QStringLiteral("服務(&S)"));
        QCOMPARE(window.action(MainWindow::Entry::Recordings)->text(), QStringLiteral("錄音"));
        QCOMPARE(window.userManagementMenu()->title(), QStringLiteral("用戶管理(&U)"));
        QCOMPARE(window.recordingsPage()->searchButton()->text(), QStringLiteral("搜索"));
        QCOMPARE(window.recordingsPage()->exportButton()->text(), QStringLiteral("匯出 CDR"));
        QCOMPARE(window.recordingsPage()
                     ->model()
                     ->headerData(RecordingTableModel::StartTime, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("開始時間"));
        QCOMPARE(window.recordingsPage()->footerLabel()->text(), QStringLiteral("沒有記錄"));
        QCOMPARE(login.loginButton()->text(), QStringLiteral("登入"));
        QCOMPARE(password.windowTitle(), QStringLiteral("修改密碼"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_HK"));
        QCOMPARE(LanguageManager::remembered(), QStringLiteral("zh_HK"));

        // The language menu switches back, and its check mark follows.
        QAction* english = nullptr;
        for (QAction* action : window.accountMenu()->actions()) {
            if (action->menu() != nullptr) {
                for (QAction* language : action->menu()->actions()) {
                    if (language->data().toString() == QStringLiteral("en")) {
                        english = language;
                    }
                }
            }
        }
        QVERIFY(english != nullptr);
        english->trigger();
        QCoreApplication::processEvents();
        QVERIFY(english->isChecked());
        QCOMPARE(window.servicesMenu()->title(), QStringLiteral("&Services"));
        QCOMPARE(login.loginButton()->text(), QStringLiteral("Log in"));
        QCOMPARE(LanguageManager::remembered(), QStringLiteral("en"));
    }

    void loginScreenshots() {
        ApiClient api;
        LoginDialog login(&api);
        login.show();
        QVERIFY(QTest::qWaitForWindowExposed(&login));
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_HK")}) {
            LanguageManager::instance().setLanguage(language);
            QCoreApplication::processEvents();
            const QImage image = login.grab().toImage();
            QVERIFY(!image.isNull());
            QVERIFY(
                image.save(QDir(test::artifactDir()).filePath(QStringLiteral("login_%1.png").arg(language))));
        }
        QCOMPARE(login.windowTitle(), QStringLiteral("CallVault – 登入"));
        QCOMPARE(login.languageBox()->currentData().toString(), QStringLiteral("zh_HK"));
        // Choosing in the dialog switches the whole application.
        login.languageBox()->setCurrentIndex(login.languageBox()->findData(QStringLiteral("en")));
        QCOMPARE(LanguageManager::instance().current(), QStringLiteral("en"));
        QCoreApplication::processEvents();
        QCOMPARE(login.loginButton()->text(), QStringLiteral("Log in"));
        LanguageManager::instance().setLanguage(QStringLiteral("en"));
    }

    void footerFollowsTheLanguage() {
        LanguageManager::instance().setLanguage(QStringLiteral("zh_HK"));
        RecordingTableModel model;
        QVector<RecordingRow> rows(3);
        for (int i = 0; i < rows.size(); ++i) {
            rows[i].recording.callId = "1809071001000A01000001" + std::to_string(i);
        }
        model.setPage(rows, 50, 120);
        QCOMPARE(model.footerText(), QStringLiteral("顯示第 51 到第 53 項記錄，總共 120 項記錄"));
        LanguageManager::instance().setLanguage(QStringLiteral("en"));
        QCOMPARE(model.footerText(), QStringLiteral("Showing 51 to 53 of 120 records"));
    }

private:
    std::unique_ptr<test::TestSettings> m_settings;
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
