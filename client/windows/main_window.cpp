#include "client/windows/main_window.h"

#include "client/app/language_manager.h"
#include "client/app/role_names.h"
#include "client/dialogs/password_change_dialog.h"
#include "client/dialogs/recording_details_dialog.h"
#include "client/dialogs/user_info_dialog.h"
#include "client/models/recording_table_model.h"
#include "client/net/api_client.h"
#include "client/windows/placeholder_page.h"
#include "client/windows/recordings_page.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>

namespace callvault::client {
namespace {

constexpr MainWindow::Entry kServiceEntries[] = {
    MainWindow::Entry::Recordings,
    MainWindow::Entry::UserGreetings,
    MainWindow::Entry::GroupGreetings,
    MainWindow::Entry::UserInformation,
    MainWindow::Entry::VerifyRecording,
    MainWindow::Entry::ReassignRecordings,
    MainWindow::Entry::Labels,
    MainWindow::Entry::OptionalTerms,
    MainWindow::Entry::CompanyInformation,
};
constexpr MainWindow::Entry kUserManagementEntries[] = {MainWindow::Entry::Groups,
                                                        MainWindow::Entry::UserNumbers};
constexpr MainWindow::Entry kReportEntries[] = {MainWindow::Entry::OperationReport};

}  // namespace

Permission MainWindow::permissionOf(Entry entry) {
    switch (entry) {
        case Entry::Recordings:
            return Permission::SearchRecordings;
        case Entry::UserGreetings:
            return Permission::ManageUserGreetings;
        case Entry::GroupGreetings:
            return Permission::ManageGroupGreetings;
        case Entry::UserInformation:
            return Permission::ViewUsers;
        case Entry::VerifyRecording:
            return Permission::VerifyRecording;
        case Entry::ReassignRecordings:
            return Permission::ReassignRecordings;
        case Entry::Labels:
            return Permission::ViewLabels;
        case Entry::OptionalTerms:
            return Permission::ViewTerms;
        case Entry::CompanyInformation:
            return Permission::ViewCompany;
        case Entry::Groups:
            return Permission::ViewGroups;
        case Entry::UserNumbers:
            return Permission::ViewNumbers;
        case Entry::OperationReport:
            return Permission::ViewAudit;
    }
    return Permission::SearchRecordings;
}

MainWindow::MainWindow(ApiClient* api, QWidget* parent)
    : QMainWindow(parent),
      m_api(api),
      m_pages(new QStackedWidget(this)),
      m_recordings(new RecordingsPage(api, this)),
      m_placeholder(new PlaceholderPage(this)),
      m_who(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    m_pages->addWidget(m_recordings);
    m_pages->addWidget(m_placeholder);
    setCentralWidget(m_pages);
    statusBar()->addPermanentWidget(m_who);
    buildMenus();
    connect(m_recordings, &RecordingsPage::recordingActivated, this, &MainWindow::openRecording);
    retranslateUi();
    resize(1100, 700);
}

void MainWindow::buildMenus() {
    m_services = menuBar()->addMenu(QString());
    m_userManagement = menuBar()->addMenu(QString());
    m_reports = menuBar()->addMenu(QString());
    m_account = menuBar()->addMenu(QString());
    auto addEntries = [this](QMenu* menu, const auto& entries) {
        for (Entry entry : entries) {
            QAction* action = menu->addAction(QString());
            connect(action, &QAction::triggered, this, [this, entry] { showEntry(entry); });
            m_entries.insert(entry, action);
        }
    };
    addEntries(m_services, kServiceEntries);
    addEntries(m_userManagement, kUserManagementEntries);
    addEntries(m_reports, kReportEntries);
    m_userInfo = m_account->addAction(QString(), this, &MainWindow::showUserInfo);
    m_changePassword = m_account->addAction(QString(), this, &MainWindow::changePassword);
    m_languageMenu = m_account->addMenu(QString());
    m_languages = new QActionGroup(this);
    for (const QString& language : LanguageManager::languages()) {
        QAction* action = m_languageMenu->addAction(LanguageManager::nativeName(language));
        action->setCheckable(true);
        action->setData(language);
        m_languages->addAction(action);
        connect(action, &QAction::triggered, this,
                [language] { LanguageManager::instance().setLanguage(language); });
    }
    m_account->addSeparator();
    m_logout = m_account->addAction(QString(), this, &MainWindow::logoutRequested);
}

void MainWindow::setSession(const Session& session) {
    m_session = session;
    m_reloginOffered = false;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        it.value()->setVisible(session.may(permissionOf(it.key())));
    }
    // A menu with nothing the role may use is not shown at all.
    for (QMenu* menu : {m_services, m_userManagement, m_reports}) {
        bool any = false;
        for (QAction* action : menu->actions()) {
            any = any || action->isVisible();
        }
        menu->menuAction()->setVisible(any);
    }
    m_userInfo->setVisible(session.may(Permission::ViewOwnAccount));
    m_changePassword->setVisible(session.may(Permission::ChangeOwnPassword));
    m_recordings->setSession(session);
    retranslateUi();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

QString MainWindow::entryText(Entry entry) const {
    switch (entry) {
        case Entry::Recordings:
            return tr("Recordings");
        case Entry::UserGreetings:
            return tr("User greetings");
        case Entry::GroupGreetings:
            return tr("Group greetings");
        case Entry::UserInformation:
            return tr("User information");
        case Entry::VerifyRecording:
            return tr("Verify recording");
        case Entry::ReassignRecordings:
            return tr("Reassign recordings");
        case Entry::Labels:
            return tr("Labels");
        case Entry::OptionalTerms:
            return tr("Optional terms");
        case Entry::CompanyInformation:
            return tr("Company information");
        case Entry::Groups:
            return tr("Groups");
        case Entry::UserNumbers:
            return tr("User numbers");
        case Entry::OperationReport:
            return tr("Operation report");
    }
    return {};
}

void MainWindow::retranslateUi() {
    m_services->setTitle(tr("&Services"));
    m_userManagement->setTitle(tr("&User management"));
    m_reports->setTitle(tr("&Reports"));
    m_account->setTitle(tr("&Account"));
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        it.value()->setText(entryText(it.key()));
    }
    m_userInfo->setText(tr("My user information"));
    m_changePassword->setText(tr("Change password"));
    m_languageMenu->setTitle(tr("Language"));
    for (QAction* action : m_languages->actions()) {
        action->setChecked(action->data().toString() == LanguageManager::instance().current());
    }
    m_logout->setText(tr("Log out"));
    m_placeholder->setTitle(entryText(m_current));
    const QString page = entryText(m_current);
    setWindowTitle(m_session.login.isEmpty() ? tr("CallVault") : tr("CallVault – %1").arg(page));
    m_who->setText(m_session.login.isEmpty() ? QString()
                                             : tr("%1 (%2, %3) on %4")
                                                   .arg(m_session.name, m_session.login,
                                                        RoleNames::name(m_session.role), m_api->hostPort()));
}

void MainWindow::showEntry(Entry entry) {
    m_current = entry;
    m_pages->setCurrentWidget(entry == Entry::Recordings ? static_cast<QWidget*>(m_recordings)
                                                         : m_placeholder);
    retranslateUi();
}

void MainWindow::openRecording(const QString& callId) {
    if (callId.isEmpty()) {
        return;
    }
    auto* dialog = new RecordingDetailsDialog(m_api, m_session, callId, this);
    connect(dialog, &RecordingDetailsDialog::recordingChanged, m_recordings->model(),
            &RecordingTableModel::updateRow);
    dialog->show();
}

void MainWindow::showUserInfo() {
    auto* dialog = new UserInfoDialog(m_api, this);
    dialog->open();
}

void MainWindow::changePassword() {
    auto* dialog = new PasswordChangeDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { statusBar()->showMessage(tr("Your password was changed."), 10000); });
    dialog->open();
}

void MainWindow::handleSessionLost(const QString& errorCode) {
    offerRelogin(
        errorCode == QStringLiteral("session_expired")
            ? tr("Your session has expired because it was not used for a while.")
            : tr("Your session has ended (you logged in elsewhere, your password was changed or reset, "
                 "or your account was disabled)."));
}

void MainWindow::handleConnectionLost() {
    offerRelogin(
        tr("The connection to the server was lost. Check your network or ask your administrator whether "
           "the server is running."));
}

void MainWindow::offerRelogin(const QString& text) {
    if (m_reloginOffered) {
        return;
    }
    m_reloginOffered = true;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Connection"),
                                text + QStringLiteral("\n\n") + tr("Log in again? Your search is kept."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("reloginBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* again = box->addButton(tr("Log in again"), QMessageBox::AcceptRole);
    again->setObjectName(QStringLiteral("reloginButton"));
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    connect(box, &QMessageBox::finished, this, [this, box, again] {
        m_reloginOffered = false;
        if (box->clickedButton() == again) {
            emit reloginRequested();
        }
    });
    box->open();
}

}  // namespace callvault::client
