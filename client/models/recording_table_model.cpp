#include "client/models/recording_table_model.h"

namespace callvault::client {

RecordingTableModel::RecordingTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int RecordingTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecordingTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecordingTableModel::statusText(const Recording& r) const {
    QStringList parts;
    if (r.downloaded) {
        parts << tr("Downloaded");
    }
    if (r.listened) {
        parts << tr("Listened");
    }
    return parts.join(QStringLiteral(", "));
}

QVariant RecordingTableModel::data(const QModelIndex& index, int role) const {
    const RecordingRow* row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (row == nullptr) {
        return {};
    }
    const Recording& r = row->recording;
    if (role == kCallIdRole) {
        return row->callId();
    }
    if (role == Qt::TextAlignmentRole && index.column() == Duration) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == StartTime) {
        return tr("Call ID: %1").arg(row->callId());
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
        case StartTime:
            return row->start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case CallingNumber:
            return QString::fromStdString(r.callingNumber());
        case CalledNumber:
            return QString::fromStdString(r.calledNumber());
        case UserNumber:
            return QString::fromStdString(r.userNumber);
        case Duration:
            return formatDuration(r.durationMs);
        case CallType:
            return r.callType == callvault::CallType::Inbound ? tr("Inbound") : tr("Outbound");
        case Status:
            return statusText(r);
        case Group:
            if (!r.groupId) {
                return QString();
            }
            return m_groupNames.value(*r.groupId, QString::number(*r.groupId));
        case Locked:
            return r.locked ? tr("Locked") : tr("Unlocked");
        default:
            return {};
    }
}

QVariant RecordingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case StartTime:
            return tr("Start time");
        case CallingNumber:
            return tr("Calling number");
        case CalledNumber:
            return tr("Called number");
        case UserNumber:
            return tr("User number");
        case Duration:
            return tr("Duration");
        case CallType:
            return tr("Call type");
        case Status:
            return tr("Status");
        case Group:
            return tr("Group");
        case Locked:
            return tr("Locked");
        default:
            return {};
    }
}

QString RecordingTableModel::sortKey() const {
    switch (m_sortColumn) {
        case CallingNumber:
            return QStringLiteral("calling_number");
        case CalledNumber:
            return QStringLiteral("called_number");
        case UserNumber:
            return QStringLiteral("user_number");
        case Duration:
            return QStringLiteral("duration");
        case CallType:
            return QStringLiteral("call_type");
        case Group:
            return QStringLiteral("group");
        case Locked:
            return QStringLiteral("locked");
        default:
            return QStringLiteral("start_time");
    }
}

void RecordingTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount || column == Status) {
        return;
    }
    if (column == m_sortColumn && order == m_sortOrder) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    emit fetchRequested();
}

void RecordingTableModel::setPage(const QVector<RecordingRow>& rows, qint64 offset, qint64 total) {
    beginResetModel();
    m_rows = rows;
    m_offset = offset;
    m_total = total;
    endResetModel();
}

void RecordingTableModel::clear() {
    setPage({}, 0, 0);
}

void RecordingTableModel::setGroupNames(const QHash<qint64, QString>& names) {
    m_groupNames = names;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, Group), index(rowCount() - 1, Group));
    }
}

void RecordingTableModel::updateRow(const RecordingRow& row) {
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].recording.callId == row.recording.callId) {
            m_rows[i] = row;
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
}

const RecordingRow* RecordingTableModel::rowAt(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

QString RecordingTableModel::footerText() const {
    if (m_total == 0 || m_rows.isEmpty()) {
        return tr("No records");
    }
    return tr("Showing %1 to %2 of %3 records").arg(m_offset + 1).arg(m_offset + m_rows.size()).arg(m_total);
}

void RecordingTableModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

}  // namespace callvault::client
