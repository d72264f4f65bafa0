#pragma once

#include "common/types/recording.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QVector>

#include <optional>

namespace callvault::client {

/// The §9 bookmark table of one recording: No., time range (mm:ss – mm:ss), mark; sorted by start.
class BookmarkTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Number, TimeRange, Mark, ColumnCount };

    explicit BookmarkTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setBookmarks(QVector<Bookmark> bookmarks);
    void add(const Bookmark& bookmark);
    void removeId(qint64 id);
    const QVector<Bookmark>& bookmarks() const { return m_bookmarks; }
    const Bookmark* at(int row) const;
    void retranslate();

    /// A bookmark from the API's JSON; nullopt when id or the times are missing.
    static std::optional<Bookmark> fromJson(const QJsonObject& object);

private:
    QVector<Bookmark> m_bookmarks;
};

}  // namespace callvault::client
