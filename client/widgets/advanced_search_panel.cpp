#include "client/widgets/advanced_search_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

#include <algorithm>

namespace callvault::client {

AdvancedSearchPanel::AdvancedSearchPanel(QWidget* parent)
    : QWidget(parent),
      m_groupLabel(new QLabel(this)),
      m_userNumberLabel(new QLabel(this)),
      m_otherNumberLabel(new QLabel(this)),
      m_callTypeLabel(new QLabel(this)),
      m_labelLabel(new QLabel(this)),
      m_noteLabel(new QLabel(this)),
      m_callIdLabel(new QLabel(this)),
      m_group(new QComboBox(this)),
      m_userNumber(new QLineEdit(this)),
      m_otherNumber(new QLineEdit(this)),
      m_callType(new QComboBox(this)),
      m_label(new QComboBox(this)),
      m_note(new QLineEdit(this)),
      m_callId(new QLineEdit(this)) {
    setObjectName(QStringLiteral("advancedSearchPanel"));
    m_callType->addItem(QString(), QString());
    m_callType->addItem(QString(), QStringLiteral("inbound"));
    m_callType->addItem(QString(), QStringLiteral("outbound"));
    fillIdBox(m_group, {});
    fillIdBox(m_label, {});
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 4, 0, 4);
    grid->addWidget(m_groupLabel, 0, 0);
    grid->addWidget(m_group, 0, 1);
    grid->addWidget(m_userNumberLabel, 0, 2);
    grid->addWidget(m_userNumber, 0, 3);
    grid->addWidget(m_otherNumberLabel, 0, 4);
    grid->addWidget(m_otherNumber, 0, 5);
    grid->addWidget(m_callTypeLabel, 1, 0);
    grid->addWidget(m_callType, 1, 1);
    grid->addWidget(m_labelLabel, 1, 2);
    grid->addWidget(m_label, 1, 3);
    grid->addWidget(m_noteLabel, 1, 4);
    grid->addWidget(m_note, 1, 5);
    grid->addWidget(m_callIdLabel, 2, 0);
    grid->addWidget(m_callId, 2, 1, 1, 3);
    for (int column : {1, 3, 5}) {
        grid->setColumnStretch(column, 1);
    }
    for (QLineEdit* edit : {m_userNumber, m_otherNumber, m_note, m_callId}) {
        connect(edit, &QLineEdit::returnPressed, this, &AdvancedSearchPanel::searchRequested);
    }
    retranslateUi();
}

void AdvancedSearchPanel::fillIdBox(QComboBox* box, const QHash<qint64, QString>& names) {
    const QVariant current = box->currentData();
    const QString any = box->count() > 0 ? box->itemText(0) : QString();
    box->clear();
    box->addItem(any, QVariant());
    QList<qint64> ids = names.keys();
    std::sort(ids.begin(), ids.end(),
              [&names](qint64 a, qint64 b) { return names.value(a).localeAwareCompare(names.value(b)) < 0; });
    for (qint64 id : ids) {
        box->addItem(names.value(id), id);
    }
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

void AdvancedSearchPanel::setGroups(const QHash<qint64, QString>& groups) {
    fillIdBox(m_group, groups);
}
void AdvancedSearchPanel::setLabels(const QHash<qint64, QString>& labels) {
    fillIdBox(m_label, labels);
}

void AdvancedSearchPanel::setGroupFilterVisible(bool visible) {
    m_groupLabel->setVisible(visible);
    m_group->setVisible(visible);
}

void AdvancedSearchPanel::clear() {
    for (QLineEdit* edit : {m_userNumber, m_otherNumber, m_note, m_callId}) {
        edit->clear();
    }
    for (QComboBox* box : {m_group, m_callType, m_label}) {
        box->setCurrentIndex(0);
    }
}

void AdvancedSearchPanel::fillFilter(RecordingFilter& filter) const {
    filter.groupId = m_group->currentData().isValid()
                         ? std::optional<qint64>(m_group->currentData().toLongLong())
                         : std::nullopt;
    filter.userNumber = m_userNumber->text();
    filter.otherNumber = m_otherNumber->text();
    filter.callType = m_callType->currentData().toString();
    filter.labelId = m_label->currentData().isValid()
                         ? std::optional<qint64>(m_label->currentData().toLongLong())
                         : std::nullopt;
    filter.note = m_note->text();
    filter.callId = m_callId->text();
}

void AdvancedSearchPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void AdvancedSearchPanel::retranslateUi() {
    m_groupLabel->setText(tr("Group:"));
    m_userNumberLabel->setText(tr("User number:"));
    m_otherNumberLabel->setText(tr("Inbound/outbound number:"));
    m_callTypeLabel->setText(tr("Call type:"));
    m_labelLabel->setText(tr("Label:"));
    m_noteLabel->setText(tr("Note:"));
    m_callIdLabel->setText(tr("Call ID:"));
    m_group->setItemText(0, tr("All groups"));
    m_label->setItemText(0, tr("All labels"));
    m_callType->setItemText(0, tr("All call types"));
    m_callType->setItemText(1, tr("Inbound"));
    m_callType->setItemText(2, tr("Outbound"));
}

}  // namespace callvault::client
