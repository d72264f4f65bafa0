#include "client/dialogs/recording_details_dialog.h"

#include "client/models/bookmark_table_model.h"
#include "client/models/waveform_peaks.h"
#include "client/net/api_client.h"
#include "client/net/error_text.h"
#include "client/net/recording_query.h"
#include "client/player/mp3_decoder.h"
#include "client/widgets/player_panel.h"
#include "client/widgets/waveform_widget.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

#include <algorithm>

namespace callvault::client {
namespace {

constexpr qint64 kSkipMs = 5000;
const QStringList kLeftKeys{QStringLiteral("start"), QStringLiteral("other"), QStringLiteral("type"),
                            QStringLiteral("call_id")};
const QStringList kRightKeys{QStringLiteral("user"), QStringLiteral("duration"), QStringLiteral("status")};

/// The combo row of `labelId` (row 0, "no label", when none or unknown).
int labelIndex(const QComboBox* box, const std::optional<std::int64_t>& labelId) {
    return labelId ? std::max(0, box->findData(QVariant(static_cast<qint64>(*labelId)))) : 0;
}

}  // namespace

RecordingDetailsDialog::RecordingDetailsDialog(ApiClient* api, const Session& session, const QString& callId,
                                               QWidget* parent)
    : QDialog(parent),
      m_api(api),
      m_session(session),
      m_callId(callId),
      m_left(new QFormLayout),
      m_right(new QFormLayout),
      m_note(new QLineEdit(this)),
      m_label(new QComboBox(this)),
      m_save(new QPushButton(this)),
      m_player(new PlayerPanel(this)),
      m_bookmarks(new BookmarkTableModel(this)),
      m_bookmarkTable(new QTableView(this)),
      m_mark(new QLineEdit(this)),
      m_addBookmark(new QPushButton(this)),
      m_locate(new QPushButton(this)),
      m_delete(new QPushButton(this)),
      m_bookmarkHint(new QLabel(this)),
      m_message(new QLabel(this)) {
    setObjectName(QStringLiteral("recordingDetailsDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    for (const QString& key : kLeftKeys + kRightKeys) {
        auto* value = new QLabel(this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_values.insert(key, value);
    }
    for (const QString& key : kLeftKeys) {
        m_left->addRow(new QLabel(this), m_values.value(key));
    }
    m_left->addRow(new QLabel(this), m_note);
    for (const QString& key : kRightKeys) {
        m_right->addRow(new QLabel(this), m_values.value(key));
    }
    m_right->addRow(new QLabel(this), m_label);
    auto* saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    m_right->addRow(saveRow);
    const bool mayEdit = session.may(Permission::EditRecordingMarks);
    m_note->setReadOnly(!mayEdit);
    m_label->setEnabled(mayEdit);
    m_save->setVisible(mayEdit);
    m_note->setMaxLength(1000);
    m_label->addItem(QString(), QVariant());

    m_bookmarkTable->setModel(m_bookmarks);
    m_bookmarkTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_bookmarkTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_bookmarkTable->verticalHeader()->setVisible(false);
    m_bookmarkTable->horizontalHeader()->setStretchLastSection(true);
    m_bookmarkTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_bookmarkTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_bookmarkTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_bookmarkTable->setFocusPolicy(Qt::ClickFocus);
    m_mark->setMaxLength(500);
    for (QPushButton* button : {m_addBookmark, m_locate, m_delete, m_save}) {
        button->setFocusPolicy(Qt::NoFocus);
    }
    m_addBookmark->setVisible(mayEdit);
    m_delete->setVisible(mayEdit);
    m_mark->setVisible(mayEdit);
    m_bookmarkHint->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->hide();

    auto* details = new QHBoxLayout;
    details->addLayout(m_left, 1);
    details->addSpacing(16);
    details->addLayout(m_right, 1);
    auto* markRow = new QHBoxLayout;
    markRow->addWidget(m_mark, 1);
    markRow->addWidget(m_addBookmark);
    markRow->addWidget(m_locate);
    markRow->addWidget(m_delete);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(details);
    layout->addWidget(m_player, 2);
    layout->addWidget(m_bookmarkTable, 1);
    layout->addLayout(markRow);
    layout->addWidget(m_bookmarkHint);
    layout->addWidget(m_message);

    connect(m_save, &QPushButton::clicked, this, &RecordingDetailsDialog::save);
    connect(m_addBookmark, &QPushButton::clicked, this, &RecordingDetailsDialog::addBookmark);
    connect(m_mark, &QLineEdit::returnPressed, this, &RecordingDetailsDialog::addBookmark);
    connect(m_locate, &QPushButton::clicked, this, &RecordingDetailsDialog::locateBookmark);
    connect(m_delete, &QPushButton::clicked, this, &RecordingDetailsDialog::deleteBookmark);
    connect(m_bookmarkTable, &QTableView::doubleClicked, this, &RecordingDetailsDialog::locateBookmark);
    connect(m_bookmarks, &QAbstractItemModel::modelReset, this,
            [this] { m_player->waveform()->setBookmarks(m_bookmarks->bookmarks()); });
    connect(m_player, &PlayerPanel::audioNeeded, this, &RecordingDetailsDialog::fetchAudio);

    // Window shortcuts: a line edit keeps Space and the arrows while it has the focus (ShortcutOverride).
    auto shortcut = [this](const QKeySequence& key, auto slot) {
        auto* s = new QShortcut(key, this);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_Space), [this] { m_player->togglePlay(); });
    shortcut(QKeySequence(Qt::Key_Left), [this] { m_player->skip(-kSkipMs); });
    shortcut(QKeySequence(Qt::Key_Right), [this] { m_player->skip(kSkipMs); });
    shortcut(QKeySequence(Qt::Key_BracketLeft), [this] { m_player->stepSpeed(-1); });
    shortcut(QKeySequence(Qt::Key_BracketRight), [this] { m_player->stepSpeed(1); });

    retranslateUi();
    resize(860, 640);
    // Space and the arrows then reach the player's shortcuts, not a text field.
    m_player->waveform()->setFocus();
    load();
}

void RecordingDetailsDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

void RecordingDetailsDialog::retranslateUi() {
    setWindowTitle(tr("Recording details"));
    const QStringList left{tr("Start time:"), tr("Inbound/outbound number:"), tr("Call type:"),
                           tr("Call ID:"), tr("Note:")};
    const QStringList right{tr("User number:"), tr("Duration:"), tr("Read status:"), tr("Label:")};
    for (int i = 0; i < left.size(); ++i) {
        qobject_cast<QLabel*>(m_left->itemAt(i, QFormLayout::LabelRole)->widget())->setText(left.at(i));
    }
    for (int i = 0; i < right.size(); ++i) {
        qobject_cast<QLabel*>(m_right->itemAt(i, QFormLayout::LabelRole)->widget())->setText(right.at(i));
    }
    m_label->setItemText(0, tr("(no label)"));
    m_save->setText(tr("Save"));
    m_mark->setPlaceholderText(tr("Mark text"));
    m_addBookmark->setText(tr("+ Add"));
    m_addBookmark->setToolTip(tr("Add a bookmark for the range selected on the waveform"));
    m_locate->setText(tr("Locate"));
    m_delete->setText(tr("Delete"));
    m_bookmarkHint->setText(
        tr("Select a range on the waveform with Shift+drag (or right-drag), type a mark and "
           "press + Add. Keys: Space play/pause, ←/→ 5 seconds, [ and ] speed."));
    m_bookmarks->retranslate();
    if (m_haveRow) {
        showDetails(m_row);
    }
}

QString RecordingDetailsDialog::fieldText(const QString& key) const {
    const QLabel* label = m_values.value(key);
    return label != nullptr ? label->text() : QString();
}

QString RecordingDetailsDialog::readStatusText() const {
    const Recording& r = m_row.recording;
    QStringList parts;
    if (r.downloaded) {
        parts << tr("Downloaded");
    }
    if (r.listened) {
        parts << tr("Listened");
    }
    return parts.isEmpty() ? tr("Not read") : parts.join(QStringLiteral(", "));
}

void RecordingDetailsDialog::showDetails(const RecordingRow& row) {
    m_row = row;
    m_haveRow = true;
    const Recording& r = row.recording;
    m_values.value(QStringLiteral("start"))
        ->setText(row.start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    m_values.value(QStringLiteral("other"))->setText(QString::fromStdString(r.otherNumber));
    m_values.value(QStringLiteral("type"))
        ->setText(r.callType == CallType::Inbound ? tr("Inbound") : tr("Outbound"));
    m_values.value(QStringLiteral("call_id"))->setText(row.callId());
    m_values.value(QStringLiteral("user"))->setText(QString::fromStdString(r.userNumber));
    m_values.value(QStringLiteral("duration"))->setText(formatDuration(r.durationMs));
    m_values.value(QStringLiteral("status"))->setText(readStatusText());
}

void RecordingDetailsDialog::showMessage(const QString& text, bool error) {
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QStringLiteral("color: #1b5e20;"));
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void RecordingDetailsDialog::load() {
    m_api->get(recordingPath(m_callId), {}, this, [this](const ApiResult& result) {
        const auto row = result.ok() ? RecordingRow::fromJson(result.json()) : std::nullopt;
        if (!row) {
            showMessage(result.reported ? QString() : ErrorText::forRequest(result), true);
            emit detailsLoaded(false);
            return;
        }
        showDetails(*row);
        m_note->setText(QString::fromStdString(row->recording.note));
        m_label->setCurrentIndex(labelIndex(m_label, row->recording.labelId));
        // The recording's own length, not the peaks' (which end on a whole 10 ms).
        m_player->waveform()->setDurationMs(row->recording.durationMs);
        emit detailsLoaded(true);
    });
    m_api->get(QStringLiteral("/api/v1/labels"), {}, this, [this](const ApiResult& result) {
        if (!result.ok()) {
            return;
        }
        for (const QJsonValue& value : result.json().value(QStringLiteral("labels")).toArray()) {
            const QJsonObject label = value.toObject();
            const qint64 id = label.value(QStringLiteral("id")).toInteger();
            m_labelNames.insert(id, label.value(QStringLiteral("name")).toString());
            m_label->addItem(label.value(QStringLiteral("name")).toString(), id);
        }
        if (m_haveRow && m_row.recording.labelId) {
            m_label->setCurrentIndex(labelIndex(m_label, m_row.recording.labelId));
        }
    });
    m_api->get(recordingPath(m_callId, QStringLiteral("peaks")), {}, this, [this](const ApiResult& result) {
        const auto peaks = result.ok() ? WaveformPeaks::decode(result.body) : std::nullopt;
        if (peaks) {
            m_player->waveform()->setPeaks(*peaks);
        }
        emit peaksLoaded(peaks.has_value());
    });
    m_api->get(
        recordingPath(m_callId, QStringLiteral("bookmarks")), {}, this, [this](const ApiResult& result) {
            QVector<Bookmark> list;
            for (const QJsonValue& value : result.json().value(QStringLiteral("bookmarks")).toArray()) {
                if (auto bookmark = BookmarkTableModel::fromJson(value.toObject())) {
                    list.push_back(*bookmark);
                }
            }
            m_bookmarks->setBookmarks(list);
            emit bookmarksLoaded(result.ok());
        });
}

void RecordingDetailsDialog::fetchAudio() {
    showMessage(tr("Loading the audio…"), false);
    m_api->get(recordingPath(m_callId, QStringLiteral("audio")), {}, this, [this](const ApiResult& result) {
        if (!result.ok()) {
            const QString text = ErrorText::forRequest(result);
            m_player->setAudioError(text);
            showMessage({}, false);
            return;
        }
        // Decoding takes a moment for long calls: off the GUI thread, back through a queued call.
        QPointer<RecordingDetailsDialog> self(this);
        const QByteArray bytes = result.body;
        QThreadPool::globalInstance()->start([self, bytes] {
            QString error;
            auto pcm = Mp3Decoder::decode(bytes, &error);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, pcm = std::move(pcm), error]() mutable {
                    RecordingDetailsDialog* dialog = self.data();
                    if (dialog == nullptr) {
                        return;
                    }
                    dialog->showMessage({}, false);
                    if (!pcm) {
                        dialog->m_player->setAudioError(tr("The audio cannot be played: %1").arg(error));
                        return;
                    }
                    dialog->m_player->setPcm(std::move(*pcm));
                    dialog->m_row.recording.listened = true;
                    dialog->showDetails(dialog->m_row);
                    emit dialog->recordingChanged(dialog->m_row);
                },
                Qt::QueuedConnection);
        });
    });
}

void RecordingDetailsDialog::save() {
    QJsonObject body{{QStringLiteral("note"), m_note->text()}};
    body.insert(QStringLiteral("label_id"), m_label->currentData().isValid()
                                                ? QJsonValue(m_label->currentData().toLongLong())
                                                : QJsonValue(QJsonValue::Null));
    m_save->setEnabled(false);
    m_api->patch(recordingPath(m_callId), body, this, [this](const ApiResult& result) {
        m_save->setEnabled(true);
        if (!result.ok()) {
            showMessage(result.reported ? QString() : ErrorText::forRequest(result), true);
            emit saved(false);
            return;
        }
        if (auto row = RecordingRow::fromJson(result.json())) {
            showDetails(*row);
            emit recordingChanged(*row);
        }
        showMessage(tr("Saved."), false);
        emit saved(true);
    });
}

const Bookmark* RecordingDetailsDialog::currentBookmark() const {
    const QModelIndexList rows = m_bookmarkTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_bookmarks->at(rows.first().row());
}

void RecordingDetailsDialog::addBookmark() {
    const auto [start, end] = m_player->waveform()->selection();
    if (start < 0 || end <= start) {
        showMessage(tr("First select a range on the waveform (Shift+drag or right-drag)."), true);
        emit bookmarkAdded(false);
        return;
    }
    const QJsonObject body{{QStringLiteral("start_ms"), start},
                           {QStringLiteral("end_ms"), end},
                           {QStringLiteral("text"), m_mark->text().trimmed()}};
    m_api->post(
        recordingPath(m_callId, QStringLiteral("bookmarks")), body, this, [this](const ApiResult& result) {
            const auto bookmark = result.ok() ? BookmarkTableModel::fromJson(result.json()) : std::nullopt;
            if (!bookmark) {
                showMessage(result.reported ? QString() : ErrorText::forRequest(result), true);
                emit bookmarkAdded(false);
                return;
            }
            m_bookmarks->add(*bookmark);
            m_mark->clear();
            m_player->waveform()->clearSelection();
            showMessage({}, false);
            emit bookmarkAdded(true);
        });
}

void RecordingDetailsDialog::locateBookmark() {
    if (const Bookmark* bookmark = currentBookmark()) {
        m_player->playRange(bookmark->startMs, bookmark->endMs);
    }
}

void RecordingDetailsDialog::deleteBookmark() {
    const Bookmark* bookmark = currentBookmark();
    if (bookmark == nullptr) {
        return;
    }
    const qint64 id = bookmark->id;
    m_api->deleteResource(recordingPath(m_callId, QStringLiteral("bookmarks/") + QString::number(id)), this,
                          [this, id](const ApiResult& result) {
                              if (!result.ok()) {
                                  showMessage(result.reported ? QString() : ErrorText::forRequest(result),
                                              true);
                                  emit bookmarkDeleted(false);
                                  return;
                              }
                              m_bookmarks->removeId(id);
                              emit bookmarkDeleted(true);
                          });
}

}  // namespace callvault::client
