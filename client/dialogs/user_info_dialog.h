#pragma once

#include <QDialog>
#include <QJsonObject>

class QFormLayout;

namespace callvault::client {

class ApiClient;

/// §25 User information: the user's own account (GET /api/v1/me), read only.
class UserInfoDialog : public QDialog {
    Q_OBJECT

public:
    UserInfoDialog(ApiClient* api, QWidget* parent = nullptr);
    /// The value shown for a field ("login", "name", "role", …).
    QString fieldText(const QString& key) const;

signals:
    void loaded(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showAccount(const QJsonObject& me);

    QFormLayout* m_form;
    QJsonObject m_me;
};

}  // namespace callvault::client
