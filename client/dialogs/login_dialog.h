#pragma once

#include "client/net/session.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;

namespace callvault::client {

class ApiClient;
struct ApiResult;

/// Log in (§1): server address, login name, password and language. Handles the certificate pinning prompt,
/// the refusal of a changed certificate, and the forced password change; accepted once a session is ready.
class LoginDialog : public QDialog {
    Q_OBJECT

public:
    explicit LoginDialog(ApiClient* api, QWidget* parent = nullptr);

    /// For logging in again after a lost session: the server and login are fixed.
    void lockServerAndLogin(const QString& server, const QString& login);
    const Session& session() const { return m_session; }

    QLineEdit* serverEdit() const { return m_server; }
    QLineEdit* loginEdit() const { return m_login; }
    QLineEdit* passwordEdit() const { return m_password; }
    QComboBox* languageBox() const { return m_language; }
    QPushButton* loginButton() const { return m_loginButton; }
    QLabel* messageLabel() const { return m_message; }

public slots:
    void submit();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void handleAnswer(const ApiResult& result);
    void askToTrust(const QString& fingerprint);
    void warnCertificateChanged(const QString& fingerprint);
    void forcePasswordChange();
    void setBusy(bool busy);

    ApiClient* m_api;
    Session m_session;
    QString m_pendingPassword;
    QLabel* m_title;
    QLabel* m_serverLabel;
    QLabel* m_loginLabel;
    QLabel* m_passwordLabel;
    QLabel* m_languageLabel;
    QLineEdit* m_server;
    QLineEdit* m_login;
    QLineEdit* m_password;
    QComboBox* m_language;
    QLabel* m_message;
    QPushButton* m_loginButton;
    QPushButton* m_cancelButton;
};

}  // namespace callvault::client
