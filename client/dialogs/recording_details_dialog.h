#pragma once

#include "client/models/recording_row.h"
#include "client/net/session.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace callvault::client {

class ApiClient;
class BookmarkTableModel;
class PlayerPanel;
struct ApiResult;

/// "Recording details" (§7–§9): the details, note and label (saved with Save), the player with the waveform,
/// and the bookmark table (add from a range selected on the waveform, locate, delete). Keyboard: Space
/// play/pause, ←/→ 5 s, [ and ] speed. Everything is loaded asynchronously; the waveform comes from the
/// server's peaks before any audio.
class RecordingDetailsDialog : public QDialog {
    Q_OBJECT

public:
    RecordingDetailsDialog(ApiClient* api, const Session& session, const QString& callId,
                           QWidget* parent = nullptr);

    QString callId() const { return m_callId; }
    PlayerPanel* playerPanel() const { return m_player; }
    BookmarkTableModel* bookmarkModel() const { return m_bookmarks; }
    QTableView* bookmarkTable() const { return m_bookmarkTable; }
    QLineEdit* noteEdit() const { return m_note; }
    QComboBox* labelBox() const { return m_label; }
    QPushButton* saveButton() const { return m_save; }
    QLineEdit* markEdit() const { return m_mark; }
    QPushButton* addBookmarkButton() const { return m_addBookmark; }
    QPushButton* locateButton() const { return m_locate; }
    QPushButton* deleteButton() const { return m_delete; }
    QLabel* messageLabel() const { return m_message; }
    /// The value shown for a §7 field (tests, screenshots): "start", "other", "type", "call_id", "user",
    /// "duration", "status".
    QString fieldText(const QString& key) const;

public slots:
    void save();
    void addBookmark();
    void locateBookmark();
    void deleteBookmark();

signals:
    /// Details arrived (or failed).
    void detailsLoaded(bool ok);
    void peaksLoaded(bool ok);
    void bookmarksLoaded(bool ok);
    void saved(bool ok);
    void bookmarkAdded(bool ok);
    void bookmarkDeleted(bool ok);
    /// The recording changed on the server (note, label, listened): the table may refresh its row.
    void recordingChanged(const RecordingRow& row);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void load();
    void showDetails(const RecordingRow& row);
    void fetchAudio();
    void showMessage(const QString& text, bool error);
    const Bookmark* currentBookmark() const;
    QString readStatusText() const;

    ApiClient* m_api;
    Session m_session;
    QString m_callId;
    RecordingRow m_row;
    bool m_haveRow = false;
    QHash<qint64, QString> m_labelNames;

    QFormLayout* m_left;
    QFormLayout* m_right;
    QHash<QString, QLabel*> m_values;
    QLineEdit* m_note;
    QComboBox* m_label;
    QPushButton* m_save;
    PlayerPanel* m_player;
    BookmarkTableModel* m_bookmarks;
    QTableView* m_bookmarkTable;
    QLineEdit* m_mark;
    QPushButton* m_addBookmark;
    QPushButton* m_locate;
    QPushButton* m_delete;
    QLabel* m_bookmarkHint;
    QLabel* m_message;
};

}  // namespace callvault::client
