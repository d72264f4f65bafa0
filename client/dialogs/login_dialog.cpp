#include "client/dialogs/login_dialog.h"

#include "client/app/language_manager.h"
#include "client/dialogs/password_change_dialog.h"
#include "client/net/api_client.h"
#include "client/net/error_text.h"
#include "client/net/pin_store.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSysInfo>
#include <QVBoxLayout>

namespace callvault::client {
namespace {

constexpr quint16 kDefaultPort = 8443;

/// "host", "host:port" or "[v6]:port"; false when the port is not a number 1–65535.
bool splitAddress(const QString& text, QString& host, quint16& port) {
    QString address = text.trimmed();
    if (address.startsWith(QStringLiteral("https://"))) {
        address = address.mid(8);
    }
    while (address.endsWith(QLatin1Char('/'))) {
        address.chop(1);
    }
    port = kDefaultPort;
    const int colon = address.lastIndexOf(QLatin1Char(':'));
    const bool bracketed = address.startsWith(QLatin1Char('['));
    if (colon > 0 && (!bracketed || address.at(colon - 1) == QLatin1Char(']')) &&
        (bracketed || address.count(QLatin1Char(':')) == 1)) {
        bool ok = false;
        const uint value = address.mid(colon + 1).toUInt(&ok);
        if (!ok || value == 0 || value > 65535) {
            return false;
        }
        port = static_cast<quint16>(value);
        address = address.left(colon);
    }
    if (bracketed) {
        address = address.mid(1, address.size() - 2);
    }
    host = address;
    return !host.isEmpty();
}

}  // namespace

LoginDialog::LoginDialog(ApiClient* api, QWidget* parent)
    : QDialog(parent),
      m_api(api),
      m_title(new QLabel(this)),
      m_serverLabel(new QLabel(this)),
      m_loginLabel(new QLabel(this)),
      m_passwordLabel(new QLabel(this)),
      m_languageLabel(new QLabel(this)),
      m_server(new QLineEdit(this)),
      m_login(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_language(new QComboBox(this)),
      m_message(new QLabel(this)),
      m_loginButton(new QPushButton(this)),
      m_cancelButton(new QPushButton(this)) {
    setObjectName(QStringLiteral("loginDialog"));
    m_server->setObjectName(QStringLiteral("serverAddress"));
    m_login->setObjectName(QStringLiteral("loginName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    for (const QString& language : LanguageManager::languages()) {
        m_language->addItem(LanguageManager::nativeName(language), language);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(LanguageManager::instance().current())));
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { LanguageManager::instance().setLanguage(m_language->currentData().toString()); });

    QSettings settings;
    m_server->setText(settings.value(QStringLiteral("server"), QStringLiteral("127.0.0.1:8443")).toString());
    m_login->setText(settings.value(QStringLiteral("login")).toString());

    auto* form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_loginLabel, m_login);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_languageLabel, m_language);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_loginButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    m_loginButton->setDefault(true);
    connect(m_loginButton, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    retranslateUi();
    setMinimumWidth(440);
    (m_login->text().isEmpty() ? m_login : m_password)->setFocus();
}

void LoginDialog::lockServerAndLogin(const QString& server, const QString& login) {
    m_server->setText(server);
    m_login->setText(login);
    m_server->setReadOnly(true);
    m_login->setReadOnly(true);
    m_password->setFocus();
}

void LoginDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi() {
    setWindowTitle(tr("CallVault – Log in"));
    m_title->setText(tr("Log in to CallVault"));
    m_serverLabel->setText(tr("Server address:"));
    m_loginLabel->setText(tr("Login name:"));
    m_passwordLabel->setText(tr("Password:"));
    m_languageLabel->setText(tr("Language:"));
    m_server->setPlaceholderText(tr("host:port, e.g. recorder.example.com:8443"));
    m_loginButton->setText(tr("Log in"));
    m_cancelButton->setText(tr("Cancel"));
    // The language may have been switched elsewhere (the main window's menu).
    const QSignalBlocker blocker(m_language);
    m_language->setCurrentIndex(std::max(0, m_language->findData(LanguageManager::instance().current())));
}

void LoginDialog::setBusy(bool busy) {
    m_loginButton->setEnabled(!busy);
    m_password->setEnabled(!busy);
    if (busy) {
        m_message->setText(tr("Connecting…"));
    }
}

void LoginDialog::submit() {
    QString host;
    quint16 port = 0;
    if (!splitAddress(m_server->text(), host, port)) {
        m_message->setText(tr("Enter the server address as host or host:port."));
        return;
    }
    if (m_login->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_message->setText(tr("Enter your login name and password."));
        return;
    }
    m_api->setServer(host, port);
    m_api->setToken({});
    setBusy(true);
    m_pendingPassword = m_password->text();
    const QJsonObject body{{QStringLiteral("login"), m_login->text().trimmed()},
                           {QStringLiteral("password"), m_pendingPassword},
                           {QStringLiteral("machine_id"), QString::fromLatin1(QSysInfo::machineUniqueId())}};
    m_api->post(QStringLiteral("/api/v1/session"), body, this,
                [this](const ApiResult& result) { handleAnswer(result); });
}

void LoginDialog::handleAnswer(const ApiResult& result) {
    setBusy(false);
    if (result.failure == ApiFailure::UnknownCertificate) {
        m_message->clear();
        askToTrust(result.fingerprint);
        return;
    }
    if (result.failure == ApiFailure::CertificateChanged) {
        m_message->setText(ErrorText::forLogin(result));
        warnCertificateChanged(result.fingerprint);
        return;
    }
    if (!result.ok() || !Session::fromLoginAnswer(result.json(), m_session)) {
        m_message->setText(result.ok() ? tr("The server gave an answer the client does not understand.")
                                       : ErrorText::forLogin(result));
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_api->setToken(m_session.token);
    QSettings settings;
    settings.setValue(QStringLiteral("server"), m_server->text().trimmed());
    settings.setValue(QStringLiteral("login"), m_login->text().trimmed());
    m_message->clear();
    if (m_session.mustChangePassword) {
        forcePasswordChange();
        return;
    }
    m_password->clear();
    accept();
}

void LoginDialog::askToTrust(const QString& fingerprint) {
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Unknown server certificate"),
        tr("This is the first connection to %1. Its certificate is not signed by an authority "
           "this computer trusts.\n\nSHA-256 fingerprint:\n%2\n\nCompare it with the "
           "fingerprint your administrator gave you (the server prints it when it starts). "
           "Trust this certificate and connect?")
            .arg(m_api->hostPort(), fingerprint),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("trustCertificateBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* trust = box->addButton(tr("Trust and connect"), QMessageBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    QPushButton* reject = box->addButton(tr("Do not connect"), QMessageBox::RejectRole);
    reject->setObjectName(QStringLiteral("rejectButton"));
    box->setDefaultButton(reject);
    const QString hostPort = m_api->hostPort();
    connect(box, &QMessageBox::finished, this, [this, box, trust, hostPort, fingerprint] {
        if (box->clickedButton() == trust) {
            PinStore::setPin(hostPort, fingerprint);
            submit();
        } else {
            m_message->setText(tr("Not connected: the server's certificate was not trusted."));
        }
    });
    box->open();
}

void LoginDialog::warnCertificateChanged(const QString& fingerprint) {
    auto* box =
        new QMessageBox(QMessageBox::Critical, tr("Server certificate changed"),
                        tr("The certificate of %1 is not the one you trusted before.\n\nTrusted:\n%2\n\nNow "
                           "offered:\n%3\n\nThe connection was refused: someone may be impersonating the "
                           "server. If your administrator replaced the certificate, ask for the new "
                           "fingerprint.")
                            .arg(m_api->hostPort(), PinStore::pinFor(m_api->hostPort()), fingerprint),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("certificateChangedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void LoginDialog::forcePasswordChange() {
    auto* dialog = new PasswordChangeDialog(m_api, this, m_pendingPassword);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this](int code) {
        m_pendingPassword.clear();
        if (code == QDialog::Accepted) {
            m_session.mustChangePassword = false;
            m_password->clear();
            accept();
            return;
        }
        // Without the change the session is useless: end it.
        m_api->deleteResource(QStringLiteral("/api/v1/session"), this, [](const ApiResult&) {});
        m_api->setToken({});
        m_message->setText(tr("You must change your password before you can use CallVault."));
    });
    dialog->open();
}

}  // namespace callvault::client
