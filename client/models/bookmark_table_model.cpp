#include "client/models/bookmark_table_model.h"

#include "client/models/recording_row.h"

#include <algorithm>

namespace callvault::client {

BookmarkTableModel::BookmarkTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int BookmarkTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_bookmarks.size());
}

int BookmarkTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookmarkTableModel::data(const QModelIndex& index, int role) const {
    const Bookmark* bookmark = index.isValid() ? at(index.row()) : nullptr;
    if (bookmark == nullptr || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return {};
    }
    switch (index.column()) {
        case Number:
            return index.row() + 1;
        case TimeRange:
            return QStringLiteral("%1 – %2").arg(formatClock(bookmark->startMs),
                                                 formatClock(bookmark->endMs));
        case Mark:
            return QString::fromStdString(bookmark->text);
        default:
            return {};
    }
}

QVariant BookmarkTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
        case Number:
            return tr("No.");
        case TimeRange:
            return tr("Time range");
        case Mark:
            return tr("Mark");
        default:
            return {};
    }
}

void BookmarkTableModel::setBookmarks(QVector<Bookmark> bookmarks) {
    std::sort(bookmarks.begin(), bookmarks.end(), [](const Bookmark& a, const Bookmark& b) {
        return a.startMs != b.startMs ? a.startMs < b.startMs : a.id < b.id;
    });
    beginResetModel();
    m_bookmarks = std::move(bookmarks);
    endResetModel();
}

void BookmarkTableModel::add(const Bookmark& bookmark) {
    QVector<Bookmark> all = m_bookmarks;
    all.push_back(bookmark);
    setBookmarks(std::move(all));
}

void BookmarkTableModel::removeId(qint64 id) {
    QVector<Bookmark> all = m_bookmarks;
    all.erase(std::remove_if(all.begin(), all.end(), [id](const Bookmark& b) { return b.id == id; }),
              all.end());
    setBookmarks(std::move(all));
}

const Bookmark* BookmarkTableModel::at(int row) const {
    return row >= 0 && row < m_bookmarks.size() ? &m_bookmarks[row] : nullptr;
}

void BookmarkTableModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

std::optional<Bookmark> BookmarkTableModel::fromJson(const QJsonObject& object) {
    if (!object.value(QStringLiteral("id")).isDouble() ||
        !object.value(QStringLiteral("start_ms")).isDouble() ||
        !object.value(QStringLiteral("end_ms")).isDouble()) {
        return std::nullopt;
    }
    Bookmark b;
    b.id = object.value(QStringLiteral("id")).toInteger();
    b.companyId = object.value(QStringLiteral("company_id")).toInteger();
    b.callId = object.value(QStringLiteral("call_id")).toString().toStdString();
    b.startMs = object.value(QStringLiteral("start_ms")).toInteger();
    b.endMs = object.value(QStringLiteral("end_ms")).toInteger();
    b.text = object.value(QStringLiteral("text")).toString().toStdString();
    return b;
}

}  // namespace callvault::client
