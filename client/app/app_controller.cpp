#include "client/app/app_controller.h"

#include "client/app/language_manager.h"
#include "client/dialogs/login_dialog.h"
#include "client/net/api_client.h"
#include "client/windows/main_window.h"
#include "client/windows/recordings_page.h"

#include <QApplication>
#include <QLineEdit>

namespace callvault::client {

AppController::AppController(QObject* parent) : QObject(parent), m_api(new ApiClient(this)) {}

AppController::~AppController() {
    delete m_main;
}

MainWindow* AppController::mainWindow() const {
    return m_main;
}
LoginDialog* AppController::loginDialog() const {
    return m_login;
}

void AppController::setUpApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("CallVault"));
    QCoreApplication::setApplicationName(QStringLiteral("CallVault"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLVAULT_VERSION));
    LanguageManager::instance().setLanguage(LanguageManager::remembered());
}

bool AppController::start() {
    showLogin();
    return true;
}

void AppController::showLogin() {
    auto* dialog = new LoginDialog(m_api);
    m_login = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        MainWindow* main = m_main.data();
        if (main == nullptr) {
            main = new MainWindow(m_api);
            m_main = main;
            connect(main, &MainWindow::logoutRequested, this, &AppController::logout);
            connect(main, &MainWindow::reloginRequested, this, &AppController::relogin);
            connect(m_api, &ApiClient::sessionLost, main, &MainWindow::handleSessionLost);
            connect(m_api, &ApiClient::connectionLost, main, &MainWindow::handleConnectionLost);
        }
        main->setSession(dialog->session());
        main->show();
        main->recordingsPage()->search();
        emit loggedIn();
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        const MainWindow* main = m_main.data();
        if (main == nullptr || !main->isVisible()) {
            QCoreApplication::quit();
        }
    });
    dialog->show();
}

void AppController::logout() {
    m_api->deleteResource(QStringLiteral("/api/v1/session"), this, [](const ApiResult&) {});
    m_api->setToken({});
    if (MainWindow* main = m_main.data()) {
        main->deleteLater();
        m_main = nullptr;
    }
    showLogin();
}

void AppController::relogin() {
    MainWindow* main = m_main.data();
    if (main == nullptr) {
        showLogin();
        return;
    }
    auto* dialog = new LoginDialog(m_api, main);
    m_login = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->lockServerAndLogin(m_api->hostPort(), main->session().login);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (MainWindow* current = m_main.data()) {
            current->setSession(dialog->session());
            // The same page, filters, sort and offset as before the session was lost.
            current->recordingsPage()->refresh();
        }
        emit loggedIn();
    });
    dialog->open();
}

}  // namespace callvault::client
