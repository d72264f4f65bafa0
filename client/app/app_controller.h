#pragma once

#include <QObject>
#include <QPointer>

namespace callvault::client {

class ApiClient;
class LoginDialog;
class MainWindow;

/// The application's flow: log in → main window; log out → log in; a lost session → log in again into the
/// same main window, which keeps its search.
class AppController : public QObject {
    Q_OBJECT

public:
    explicit AppController(QObject* parent = nullptr);
    ~AppController() override;

    /// Organisation/application names (QSettings) and the remembered language; call once after QApplication.
    static void setUpApplication();
    /// Shows the login dialog; false when it was canceled.
    bool start();

    ApiClient* api() const { return m_api; }
    MainWindow* mainWindow() const;
    LoginDialog* loginDialog() const;

public slots:
    void showLogin();
    void logout();
    void relogin();

signals:
    /// The main window is shown with a (new) session.
    void loggedIn();

private:
    ApiClient* m_api;
    QPointer<MainWindow> m_main;
    QPointer<LoginDialog> m_login;
};

}  // namespace callvault::client
