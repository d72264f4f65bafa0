#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace callvault::client {

class ApiClient;

/// Change own password (§26) and the forced change after the first login or a reset (§1). The rule of
/// common/validation (≥ 8 characters, letters and digits) is checked before anything is sent.
class PasswordChangeDialog : public QDialog {
    Q_OBJECT

public:
    /// `forcedCurrentPassword` set: the forced change; the current password is the one just used to log in.
    PasswordChangeDialog(ApiClient* api, QWidget* parent = nullptr,
                         const QString& forcedCurrentPassword = {});

    QLineEdit* currentEdit() const { return m_current; }
    QLineEdit* newEdit() const { return m_new; }
    QLineEdit* confirmEdit() const { return m_confirm; }
    QLabel* messageLabel() const { return m_message; }
    /// The OK button (enabled only when the rule holds and both entries match).
    QPushButton* okButton() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void validate();
    void submit();

    ApiClient* m_api;
    bool m_forced;
    QString m_forcedCurrent;
    QLabel* m_intro;
    QLabel* m_currentLabel;
    QLabel* m_newLabel;
    QLabel* m_confirmLabel;
    QLineEdit* m_current;
    QLineEdit* m_new;
    QLineEdit* m_confirm;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
};

}  // namespace callvault::client
