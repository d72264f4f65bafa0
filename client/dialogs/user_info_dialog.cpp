#include "client/dialogs/user_info_dialog.h"

#include "client/app/role_names.h"
#include "client/net/api_client.h"
#include "client/net/error_text.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace callvault::client {
namespace {

const QStringList kKeys{QStringLiteral("login"), QStringLiteral("name"),    QStringLiteral("email"),
                        QStringLiteral("role"),  QStringLiteral("company"), QStringLiteral("retention")};

}  // namespace

UserInfoDialog::UserInfoDialog(ApiClient* api, QWidget* parent) : QDialog(parent), m_form(new QFormLayout) {
    setObjectName(QStringLiteral("userInfoDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    for (const QString& key : kKeys) {
        auto* value = new QLabel(this);
        value->setObjectName(key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->addRow(new QLabel(this), value);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(buttons);
    retranslateUi();
    setMinimumWidth(380);
    api->get(QStringLiteral("/api/v1/me"), {}, this, [this](const ApiResult& result) {
        if (result.ok()) {
            showAccount(result.json());
        } else if (!result.reported) {
            qobject_cast<QLabel*>(m_form->itemAt(0, QFormLayout::FieldRole)->widget())
                ->setText(ErrorText::forRequest(result));
        }
        emit loaded(result.ok());
    });
}

QString UserInfoDialog::fieldText(const QString& key) const {
    const int row = static_cast<int>(kKeys.indexOf(key));
    return row < 0 ? QString()
                   : qobject_cast<QLabel*>(m_form->itemAt(row, QFormLayout::FieldRole)->widget())->text();
}

void UserInfoDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void UserInfoDialog::retranslateUi() {
    setWindowTitle(tr("User information"));
    const QStringList labels{tr("Login name:"), tr("Name:"),    tr("E-mail:"),
                             tr("Role:"),       tr("Company:"), tr("Record retention period:")};
    for (int i = 0; i < labels.size(); ++i) {
        qobject_cast<QLabel*>(m_form->itemAt(i, QFormLayout::LabelRole)->widget())->setText(labels.at(i));
    }
    if (!m_me.isEmpty()) {
        showAccount(m_me);
    }
}

void UserInfoDialog::showAccount(const QJsonObject& me) {
    m_me = me;
    const QJsonObject user = me.value(QStringLiteral("user")).toObject();
    const QJsonObject company = me.value(QStringLiteral("company")).toObject();
    const QString role = user.value(QStringLiteral("role")).toString();
    const QStringList values{
        user.value(QStringLiteral("login")).toString(),
        user.value(QStringLiteral("name")).toString(),
        user.value(QStringLiteral("email")).toString(),
        roleFromString(role.toStdString()) ? RoleNames::name(*roleFromString(role.toStdString())) : role,
        company.value(QStringLiteral("name")).toString(),
        company.isEmpty() ? QString()
                          : tr("%n day(s)", nullptr, company.value(QStringLiteral("retention_days")).toInt()),
    };
    for (int i = 0; i < values.size(); ++i) {
        qobject_cast<QLabel*>(m_form->itemAt(i, QFormLayout::FieldRole)->widget())->setText(values.at(i));
    }
}

}  // namespace callvault::client
