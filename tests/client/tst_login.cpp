// The login flow against a real callvaultd: certificate pinning (accept, reject, changed certificate), errors
// as sentences (wrong password, lock-out, disabled, server down), the forced password change, and what each
// role is shown in the main window.
#include "client/app/language_manager.h"
#include "client/dialogs/login_dialog.h"
#include "client/dialogs/password_change_dialog.h"
#include "client/net/pin_store.h"
#include "client/windows/main_window.h"
#include "client/windows/recordings_page.h"
#include "tests/client/test_server.h"
#include "tests/client/test_settings.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace callvault;
using namespace callvault::client;

namespace {

template <typename T>
T* findWindow(const QString& name) {
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == name && widget->isVisible()) {
            if (auto* typed = qobject_cast<T*>(widget)) {
                return typed;
            }
        }
    }
    return nullptr;
}

struct Account {
    QString login;
    QString password;
    Role role = Role::Agent;
};

}  // namespace

class TestLogin : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void unknownCertificateIsAskedRejectedThenAccepted();
    void wrongPasswordIsASentence();
    void disabledAccountIsASentence();
    void lockOutIsASentence();
    void serverDownIsASentence();
    void forcedPasswordChangeEnforcesTheRule();
    void eachRoleSeesOnlyWhatItMayUse_data();
    void eachRoleSeesOnlyWhatItMayUse();
    void changedCertificateIsRefused();

private:
    /// Fills the login dialog and presses Log in.
    void submit(LoginDialog& dialog, const QString& login, const QString& password);
    /// Logs in through the dialog with the pin in place; the session.
    Session logIn(const Account& account);

    std::unique_ptr<test::TestSettings> m_settings;
    test::TestServer m_server;
    ApiClient m_api;
    QString m_adminToken;
    QMap<QString, Account> m_accounts;
    QString m_freshOneTime;
    QString m_disabledOneTime;
};

void TestLogin::initTestCase() {
    m_settings = std::make_unique<test::TestSettings>();
    LanguageManager::instance().setLanguage(QStringLiteral("en"));
    QString error;
    const auto company = m_server.admin(
        {QStringLiteral("create-company"), QStringLiteral("--name"), QStringLiteral("Alpha Trading"),
         QStringLiteral("--retention-days"), QStringLiteral("90"), QStringLiteral("--time-zone"),
         QStringLiteral("Asia/Hong_Kong")},
        &error);
    QVERIFY2(company.contains(QStringLiteral("company_id")), qPrintable(error));
    const auto admin =
        m_server.admin({QStringLiteral("create-admin"), QStringLiteral("--company"),
                        company.value(QStringLiteral("company_id")), QStringLiteral("--login"),
                        QStringLiteral("admin"), QStringLiteral("--name"), QStringLiteral("Ada Admin")},
                       &error);
    QVERIFY2(admin.contains(QStringLiteral("one_time_password")), qPrintable(error));
    QVERIFY2(m_server.start(), qPrintable(m_server.logTail()));
    m_adminToken =
        m_server.activate(QStringLiteral("admin"), admin.value(QStringLiteral("one_time_password")),
                          QStringLiteral("Admin2026pw"));
    QVERIFY(!m_adminToken.isEmpty());
    m_accounts.insert(QStringLiteral("admin"),
                      {QStringLiteral("admin"), QStringLiteral("Admin2026pw"), Role::Admin});
    const ApiResult group = m_server.call("POST", QStringLiteral("/api/v1/groups"),
                                          {{QStringLiteral("name"), QStringLiteral("Sales")}}, m_adminToken);
    QVERIFY(group.ok());
    const qint64 groupId = group.json().value(QStringLiteral("id")).toInteger();

    auto create = [&](const QString& login, const QString& role, QJsonObject extra) -> QString {
        extra.insert(QStringLiteral("login"), login);
        extra.insert(QStringLiteral("name"), login.toUpper());
        extra.insert(QStringLiteral("role"), role);
        const ApiResult made = m_server.call("POST", QStringLiteral("/api/v1/users"), extra, m_adminToken);
        return made.json().value(QStringLiteral("one_time_password")).toString();
    };
    const struct {
        const char* login;
        const char* role;
        Role value;
    } people[] = {{"manager", "manager", Role::Manager},
                  {"supervisor", "supervisor", Role::Supervisor},
                  {"agent", "agent", Role::Agent},
                  {"locky", "agent", Role::Agent}};
    for (const auto& person : people) {
        QJsonObject extra;
        if (person.value == Role::Supervisor) {
            extra.insert(QStringLiteral("supervised_group_ids"), QJsonArray{groupId});
        } else if (person.value == Role::Agent) {
            extra.insert(QStringLiteral("group_id"), groupId);
        }
        const QString login = QString::fromLatin1(person.login);
        const QString oneTime = create(login, QString::fromLatin1(person.role), extra);
        QVERIFY(!oneTime.isEmpty());
        const QString password = login.left(1).toUpper() + login.mid(1) + QStringLiteral("2026x");
        QVERIFY(!m_server.activate(login, oneTime, password).isEmpty());
        m_accounts.insert(login, {login, password, person.value});
    }
    m_freshOneTime = create(QStringLiteral("fresh"), QStringLiteral("agent"), {});
    QVERIFY(!m_freshOneTime.isEmpty());
    m_disabledOneTime =
        create(QStringLiteral("gone"), QStringLiteral("agent"), {{QStringLiteral("enabled"), false}});
    QVERIFY(!m_disabledOneTime.isEmpty());
    // The server's own pin is for the helper only; the dialogs start without one.
    PinStore::removePin(m_server.hostPort());
}

void TestLogin::cleanup() {
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<QDialog*>(widget) != nullptr && widget->isVisible()) {
            widget->close();
        }
    }
    if (QTest::currentTestFailed()) {
        qWarning("%s", qPrintable(m_server.logTail()));
    }
}

void TestLogin::submit(LoginDialog& dialog, const QString& login, const QString& password) {
    dialog.serverEdit()->setText(m_server.hostPort());
    dialog.loginEdit()->setText(login);
    dialog.passwordEdit()->setText(password);
    QTest::mouseClick(dialog.loginButton(), Qt::LeftButton);
}

Session TestLogin::logIn(const Account& account) {
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());
    LoginDialog dialog(&m_api);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, account.login, account.password);
    if (!QTest::qWaitFor([&] { return accepted.count() == 1; }, 20000)) {
        qWarning("login of %s failed: %s", qPrintable(account.login),
                 qPrintable(dialog.messageLabel()->text()));
    }
    return dialog.session();
}

void TestLogin::unknownCertificateIsAskedRejectedThenAccepted() {
    PinStore::removePin(m_server.hostPort());
    LoginDialog dialog(&m_api);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("admin"), QStringLiteral("Admin2026pw"));
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findWindow<QMessageBox>(QStringLiteral("trustCertificateBox"))) != nullptr, 15000);
    QVERIFY2(box->text().contains(m_server.fingerprint()), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("rejectButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.messageLabel()->text().contains(QStringLiteral("not trusted")));
    QVERIFY(PinStore::pinFor(m_server.hostPort()).isEmpty());
    QCOMPARE(accepted.count(), 0);

    QTest::mouseClick(dialog.loginButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findWindow<QMessageBox>(QStringLiteral("trustCertificateBox"))) != nullptr, 15000);
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("trustButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 15000);
    QCOMPARE(PinStore::pinFor(m_server.hostPort()), m_server.fingerprint());
    QVERIFY(dialog.session().role == Role::Admin);
    QVERIFY(!dialog.session().token.isEmpty());
}

void TestLogin::wrongPasswordIsASentence() {
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());
    LoginDialog dialog(&m_api);
    dialog.show();
    submit(dialog, QStringLiteral("admin"), QStringLiteral("Wrong2026pw"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.messageLabel()->text(),
                              QStringLiteral("The login name or the password is wrong."), 15000);
    QVERIFY(dialog.isVisible());
}

void TestLogin::disabledAccountIsASentence() {
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());
    LoginDialog dialog(&m_api);
    dialog.show();
    submit(dialog, QStringLiteral("gone"), m_disabledOneTime);
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.messageLabel()->text().contains(QStringLiteral("This account is disabled")), 15000);
}

void TestLogin::lockOutIsASentence() {
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());
    LoginDialog dialog(&m_api);
    dialog.show();
    for (int attempt = 1; attempt <= 5; ++attempt) {
        dialog.messageLabel()->clear();
        submit(dialog, QStringLiteral("locky"), QStringLiteral("Nope2026pw"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.loginButton()->isEnabled() &&
                                     !dialog.messageLabel()->text().isEmpty() &&
                                     dialog.messageLabel()->text() != QStringLiteral("Connecting…"),
                                 15000);
    }
    QCOMPARE(
        dialog.messageLabel()->text(),
        QStringLiteral("Too many failed attempts: this account is locked for 15 minutes. Try again later."));
    // Even the right password is refused now, with the same sentence.
    submit(dialog, QStringLiteral("locky"), m_accounts.value(QStringLiteral("locky")).password);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.messageLabel()->text().contains(QStringLiteral("locked")), 15000);
}

void TestLogin::serverDownIsASentence() {
    LoginDialog dialog(&m_api);
    dialog.show();
    dialog.serverEdit()->setText(QStringLiteral("127.0.0.1:1"));
    dialog.loginEdit()->setText(QStringLiteral("admin"));
    dialog.passwordEdit()->setText(QStringLiteral("Admin2026pw"));
    QTest::mouseClick(dialog.loginButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog.messageLabel()->text().startsWith(QStringLiteral("The server cannot be reached.")), 15000);
    dialog.serverEdit()->setText(QStringLiteral("127.0.0.1:99999"));
    QTest::mouseClick(dialog.loginButton(), Qt::LeftButton);
    QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("Enter the server address as host or host:port."));
}

void TestLogin::forcedPasswordChangeEnforcesTheRule() {
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());
    LoginDialog dialog(&m_api);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("fresh"), m_freshOneTime);
    PasswordChangeDialog* change = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (change = findWindow<PasswordChangeDialog>(QStringLiteral("passwordChangeDialog"))) != nullptr,
        15000);
    QVERIFY(!change->currentEdit()->isVisible());
    QVERIFY(!change->okButton()->isEnabled());
    change->newEdit()->setText(QStringLiteral("short1"));
    change->confirmEdit()->setText(QStringLiteral("short1"));
    QVERIFY(!change->okButton()->isEnabled());
    QVERIFY(change->messageLabel()->text().contains(QStringLiteral("at least 8 characters")));
    change->newEdit()->setText(QStringLiteral("lettersonly"));
    change->confirmEdit()->setText(QStringLiteral("lettersonly"));
    QVERIFY(!change->okButton()->isEnabled());
    change->newEdit()->setText(QStringLiteral("Fresh2026ok"));
    change->confirmEdit()->setText(QStringLiteral("Fresh2026no"));
    QVERIFY(!change->okButton()->isEnabled());
    QCOMPARE(change->messageLabel()->text(), QStringLiteral("The two new passwords are not the same."));
    change->confirmEdit()->setText(QStringLiteral("Fresh2026ok"));
    QVERIFY(change->okButton()->isEnabled());
    QTest::mouseClick(change->okButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 15000);
    QVERIFY(!dialog.session().mustChangePassword);
    // The server took it: the new password logs in, the one-time one does not.
    QVERIFY(!m_server.login(QStringLiteral("fresh"), QStringLiteral("Fresh2026ok")).isEmpty());
    QVERIFY(m_server.login(QStringLiteral("fresh"), m_freshOneTime).isEmpty());
}

void TestLogin::eachRoleSeesOnlyWhatItMayUse_data() {
    QTest::addColumn<QString>("login");
    QTest::newRow("admin") << QStringLiteral("admin");
    QTest::newRow("manager") << QStringLiteral("manager");
    QTest::newRow("supervisor") << QStringLiteral("supervisor");
    QTest::newRow("agent") << QStringLiteral("agent");
}

void TestLogin::eachRoleSeesOnlyWhatItMayUse() {
    QFETCH(QString, login);
    const Account account = m_accounts.value(login);
    const Session session = logIn(account);
    QVERIFY(session.role == account.role);
    MainWindow window(&m_api);
    window.setSession(session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Every menu entry follows common's matrix.
    using E = MainWindow::Entry;
    for (E entry : {E::Recordings, E::UserGreetings, E::GroupGreetings, E::UserInformation,
                    E::VerifyRecording, E::ReassignRecordings, E::Labels, E::OptionalTerms,
                    E::CompanyInformation, E::Groups, E::UserNumbers, E::OperationReport}) {
        QCOMPARE(window.action(entry)->isVisible(), isAllowed(account.role, MainWindow::permissionOf(entry)));
    }
    // And the manual's tables, spelled out.
    const bool admin = account.role == Role::Admin;
    const bool agent = account.role == Role::Agent;
    QVERIFY(window.action(E::Recordings)->isVisible());
    QCOMPARE(window.action(E::OperationReport)->isVisible(), admin);
    QCOMPARE(window.reportsMenu()->menuAction()->isVisible(), admin);
    QCOMPARE(window.action(E::VerifyRecording)->isVisible(), admin);
    QCOMPARE(window.action(E::Groups)->isVisible(), !agent);
    RecordingsPage* page = window.recordingsPage();
    QCOMPARE(page->downloadButton()->isVisible(), !agent);
    QCOMPARE(page->exportButton()->isVisible(), admin);
    QCOMPARE(page->lockButton()->isVisible(), admin);
    QCOMPARE(page->unlockButton()->isVisible(), admin);
    QVERIFY(page->searchButton()->isVisible());
    QVERIFY(window.logoutAction()->isVisible());
    QVERIFY(window.changePasswordAction()->isVisible());
    QVERIFY(window.userInfoAction()->isVisible());
}

void TestLogin::changedCertificateIsRefused() {
    const QString oldFingerprint = m_server.fingerprint();
    PinStore::setPin(m_server.hostPort(), oldFingerprint);
    const quint16 port = m_server.port();
    m_server.stop();
    m_server.dropCertificate();
    QVERIFY2(m_server.start(port), qPrintable(m_server.logTail()));
    QVERIFY(m_server.fingerprint() != oldFingerprint);
    LoginDialog dialog(&m_api);
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    submit(dialog, QStringLiteral("admin"), QStringLiteral("Admin2026pw"));
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = findWindow<QMessageBox>(QStringLiteral("certificateChangedBox"))) != nullptr, 15000);
    QVERIFY(box->text().contains(oldFingerprint));
    QVERIFY(box->text().contains(m_server.fingerprint()));
    QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("certificate has changed")));
    QCOMPARE(accepted.count(), 0);
    // The pin is kept: the user must not be nudged into trusting the new one.
    QCOMPARE(PinStore::pinFor(m_server.hostPort()), oldFingerprint);
}

QTEST_MAIN(TestLogin)
#include "tst_login.moc"
