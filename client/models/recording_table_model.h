#pragma once

#include "client/models/recording_row.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace callvault::client {

/// One page of the §2 result table. The rows come from the server (server-side paging and sorting): the model
/// only keeps the current page and asks for another one with fetchRequested(); it never touches the network.
class RecordingTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    /// The manual's columns, in its order.
    enum Column {
        StartTime,
        CallingNumber,
        CalledNumber,
        UserNumber,
        Duration,
        CallType,
        Status,
        Group,
        Locked,
        ColumnCount
    };
    static constexpr int kCallIdRole = Qt::UserRole + 1;

    explicit RecordingTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Sorting is the server's: remembers the column and asks for the first page again.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Replaces the page (rows `offset`… of `total` matches).
    void setPage(const QVector<RecordingRow>& rows, qint64 offset, qint64 total);
    void clear();
    /// Names for the Group column (ids without a name show the id).
    void setGroupNames(const QHash<qint64, QString>& names);
    /// Updates one row in place (after lock/unlock, note, label, listened, downloaded).
    void updateRow(const RecordingRow& row);

    const RecordingRow* rowAt(int row) const;
    const QVector<RecordingRow>& rows() const { return m_rows; }
    qint64 offset() const { return m_offset; }
    qint64 total() const { return m_total; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = size; }
    /// The server's sort key of the current sort column ("start_time", …) and "asc"/"desc".
    QString sortKey() const;
    QString sortDirection() const {
        return m_sortOrder == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc");
    }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// "Showing 1 to N of M records" in the current language.
    QString footerText() const;
    /// Headers and texts again in the current language.
    void retranslate();

signals:
    /// The sort changed: the page at offset 0 should be fetched.
    void fetchRequested();

private:
    QString statusText(const Recording& r) const;

    QVector<RecordingRow> m_rows;
    QHash<qint64, QString> m_groupNames;
    qint64 m_offset = 0;
    qint64 m_total = 0;
    int m_pageSize = 50;
    int m_sortColumn = StartTime;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

}  // namespace callvault::client
