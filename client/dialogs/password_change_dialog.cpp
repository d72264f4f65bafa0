#include "client/dialogs/password_change_dialog.h"

#include "client/net/api_client.h"
#include "client/net/error_text.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace callvault::client {

PasswordChangeDialog::PasswordChangeDialog(ApiClient* api, QWidget* parent,
                                           const QString& forcedCurrentPassword)
    : QDialog(parent),
      m_api(api),
      m_forced(!forcedCurrentPassword.isEmpty()),
      m_forcedCurrent(forcedCurrentPassword),
      m_intro(new QLabel(this)),
      m_currentLabel(new QLabel(this)),
      m_newLabel(new QLabel(this)),
      m_confirmLabel(new QLabel(this)),
      m_current(new QLineEdit(this)),
      m_new(new QLineEdit(this)),
      m_confirm(new QLineEdit(this)),
      m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("passwordChangeDialog"));
    m_current->setObjectName(QStringLiteral("currentPassword"));
    m_new->setObjectName(QStringLiteral("newPassword"));
    m_confirm->setObjectName(QStringLiteral("confirmPassword"));
    m_message->setObjectName(QStringLiteral("passwordMessage"));
    for (QLineEdit* edit : {m_current, m_new, m_confirm}) {
        edit->setEchoMode(QLineEdit::Password);
        connect(edit, &QLineEdit::textChanged, this, &PasswordChangeDialog::validate);
    }
    m_intro->setWordWrap(true);
    m_message->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(m_currentLabel, m_current);
    form->addRow(m_newLabel, m_new);
    form->addRow(m_confirmLabel, m_confirm);
    m_currentLabel->setVisible(!m_forced);
    m_current->setVisible(!m_forced);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordChangeDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
    validate();
    setMinimumWidth(420);
}

QPushButton* PasswordChangeDialog::okButton() const {
    return m_buttons->button(QDialogButtonBox::Ok);
}

void PasswordChangeDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void PasswordChangeDialog::retranslateUi() {
    setWindowTitle(tr("Change password"));
    m_intro->setText(
        m_forced ? tr("For security you must change your password before you continue (first login or "
                      "after a password reset).")
                 : tr("Change your password regularly."));
    m_currentLabel->setText(tr("Current password:"));
    m_newLabel->setText(tr("New password:"));
    m_confirmLabel->setText(tr("Confirm new password:"));
    validate();
}

void PasswordChangeDialog::validate() {
    QString problem;
    const QString current = m_forced ? m_forcedCurrent : m_current->text();
    if (!m_new->text().isEmpty()) {
        problem = ErrorText::forPassword(m_new->text());
        if (problem.isEmpty() && m_new->text() == current) {
            problem = tr("The new password must be different from the current one.");
        }
        if (problem.isEmpty() && !m_confirm->text().isEmpty() && m_confirm->text() != m_new->text()) {
            problem = tr("The two new passwords are not the same.");
        }
    } else {
        problem =
            tr("The password must have at least 8 characters (at most 128), with both letters and digits.");
    }
    m_message->setText(problem);
    okButton()->setEnabled(problem.isEmpty() && m_confirm->text() == m_new->text() && !current.isEmpty() &&
                           !m_new->text().isEmpty());
}

void PasswordChangeDialog::submit() {
    validate();
    if (!okButton()->isEnabled()) {
        return;
    }
    okButton()->setEnabled(false);
    const QString current = m_forced ? m_forcedCurrent : m_current->text();
    QJsonObject body{{QStringLiteral("current_password"), current},
                     {QStringLiteral("new_password"), m_new->text()}};
    m_api->put(QStringLiteral("/api/v1/me/password"), body, this, [this](const ApiResult& result) {
        if (result.ok()) {
            accept();
            return;
        }
        if (result.status == 400 && result.errorMessage.startsWith(QStringLiteral("current_password"))) {
            m_message->setText(tr("The current password is wrong."));
        } else {
            m_message->setText(ErrorText::forRequest(result));
        }
        okButton()->setEnabled(true);
    });
}

}  // namespace callvault::client
