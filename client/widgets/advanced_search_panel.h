#pragma once

#include "client/net/recording_query.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace callvault::client {

/// The §3 advanced filters: group, user number, other party number, call type, label, note, call ID.
class AdvancedSearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit AdvancedSearchPanel(QWidget* parent = nullptr);

    /// Copies the filters into `filter` (dates untouched).
    void fillFilter(RecordingFilter& filter) const;
    void setGroups(const QHash<qint64, QString>& groups);
    void setLabels(const QHash<qint64, QString>& labels);
    /// Hides the group filter for roles that cannot list groups.
    void setGroupFilterVisible(bool visible);
    void clear();

    QComboBox* groupBox() const { return m_group; }
    QLineEdit* userNumberEdit() const { return m_userNumber; }
    QLineEdit* otherNumberEdit() const { return m_otherNumber; }
    QComboBox* callTypeBox() const { return m_callType; }
    QComboBox* labelBox() const { return m_label; }
    QLineEdit* noteEdit() const { return m_note; }
    QLineEdit* callIdEdit() const { return m_callId; }

signals:
    /// Enter was pressed in a field.
    void searchRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    static void fillIdBox(QComboBox* box, const QHash<qint64, QString>& names);

    QLabel* m_groupLabel;
    QLabel* m_userNumberLabel;
    QLabel* m_otherNumberLabel;
    QLabel* m_callTypeLabel;
    QLabel* m_labelLabel;
    QLabel* m_noteLabel;
    QLabel* m_callIdLabel;
    QComboBox* m_group;
    QLineEdit* m_userNumber;
    QLineEdit* m_otherNumber;
    QComboBox* m_callType;
    QComboBox* m_label;
    QLineEdit* m_note;
    QLineEdit* m_callId;
};

}  // namespace callvault::client
