#pragma once

#include "client/net/session.h"
#include "common/roles/permissions.h"

#include <QHash>
#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QStackedWidget;

namespace callvault::client {

class ApiClient;
class PlaceholderPage;
class RecordingsPage;

/// The main window: the manual's menus (Services, User management, Reports) showing only what the role may
/// use (common's permission matrix), the account menu (user information §25, change password §26, language
/// §24, log out) and the pages. Re-translates itself on LanguageChange.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// Menu entries of the manual; each needs one permission.
    enum class Entry {
        Recordings,
        UserGreetings,
        GroupGreetings,
        UserInformation,
        VerifyRecording,
        ReassignRecordings,
        Labels,
        OptionalTerms,
        CompanyInformation,
        Groups,
        UserNumbers,
        OperationReport
    };

    MainWindow(ApiClient* api, QWidget* parent = nullptr);

    void setSession(const Session& session);
    const Session& session() const { return m_session; }
    RecordingsPage* recordingsPage() const { return m_recordings; }
    QAction* action(Entry entry) const { return m_entries.value(entry); }
    QMenu* servicesMenu() const { return m_services; }
    QMenu* userManagementMenu() const { return m_userManagement; }
    QMenu* reportsMenu() const { return m_reports; }
    QMenu* accountMenu() const { return m_account; }
    QAction* logoutAction() const { return m_logout; }
    QAction* changePasswordAction() const { return m_changePassword; }
    QAction* userInfoAction() const { return m_userInfo; }
    /// The entry's permission in common's matrix.
    static Permission permissionOf(Entry entry);

public slots:
    void openRecording(const QString& callId);
    void showUserInfo();
    void changePassword();
    /// Tells the user the session ended / the server is gone and offers to log in again (the search stays).
    void handleSessionLost(const QString& errorCode);
    void handleConnectionLost();

signals:
    void logoutRequested();
    /// The user wants to log in again after a lost session.
    void reloginRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void buildMenus();
    void showEntry(Entry entry);
    void offerRelogin(const QString& text);
    QString entryText(Entry entry) const;

    ApiClient* m_api;
    Session m_session;
    QStackedWidget* m_pages;
    RecordingsPage* m_recordings;
    PlaceholderPage* m_placeholder;
    QMenu* m_services = nullptr;
    QMenu* m_userManagement = nullptr;
    QMenu* m_reports = nullptr;
    QMenu* m_account = nullptr;
    QMenu* m_languageMenu = nullptr;
    QActionGroup* m_languages = nullptr;
    QHash<Entry, QAction*> m_entries;
    QAction* m_userInfo = nullptr;
    QAction* m_changePassword = nullptr;
    QAction* m_logout = nullptr;
    QLabel* m_who;
    Entry m_current = Entry::Recordings;
    bool m_reloginOffered = false;
};

}  // namespace callvault::client
