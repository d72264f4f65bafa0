// The recordings page and the details/player window against a real callvaultd with seeded recordings:
// search, paging and sorting through the model, the one-month limit, filters, note/label save, bookmarks,
// download (exact bytes), CDR export, lock/unlock, a lost session and connection, and screenshots.
#include "client/app/app_controller.h"
#include "client/app/language_manager.h"
#include "client/dialogs/login_dialog.h"
#include "client/dialogs/recording_details_dialog.h"
#include "client/models/bookmark_table_model.h"
#include "client/models/recording_table_model.h"
#include "client/net/pin_store.h"
#include "client/net/recording_query.h"
#include "client/player/audio_player.h"
#include "client/widgets/advanced_search_panel.h"
#include "client/widgets/player_panel.h"
#include "client/widgets/waveform_widget.h"
#include "client/windows/main_window.h"
#include "client/windows/recordings_page.h"
#include "tests/client/test_server.h"
#include "tests/client/test_settings.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace callvault;
using namespace callvault::client;

namespace {

constexpr int kSeeded = 120;
const QString kAdminPassword = QStringLiteral("Admin2026pw");

template <typename T>
T* findWindow(const QString& name) {
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == name && widget->isVisible()) {
            if (auto* typed = qobject_cast<T*>(widget)) {
                return typed;
            }
        }
    }
    return nullptr;
}

QStringList callIdsOf(const RecordingTableModel& model) {
    QStringList ids;
    for (const RecordingRow& row : model.rows()) {
        ids << row.callId();
    }
    return ids;
}

}  // namespace

class TestRecordings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void searchShowsTheManualColumnsAndFooter();
    void pagingWalksThroughEveryRecord();
    void sortingIsDoneByTheServer();
    void moreThanOneMonthIsStopped();
    void advancedFiltersNarrowTheSearch();
    void noteAndLabelAreSaved();
    void bookmarksAddLocateDelete();
    void downloadWritesTheServersBytes();
    void canceledDownloadLeavesNoFile();
    void exportWritesTheCsv();
    void lockAndUnlock();
    void screenshotsInBothLanguages();
    void expiredSessionOffersLoginAndKeepsTheSearch();
    void lostConnectionIsReported();

private:
    bool searchAndWait();
    bool waitFor(QSignalSpy& spy, int count = 1, int ms = 20000);
    ApiResult api(const QByteArray& verb, const QString& path, const QJsonObject& body = {},
                  const QUrlQuery& query = {});
    QUrlQuery defaultQuery(const QString& sort, const QString& order, int limit) const;
    void selectRows(const QList<int>& rows);
    RecordingDetailsDialog* openDetails(int row);

    std::unique_ptr<test::TestSettings> m_settings;
    test::TestServer m_server;
    QString m_token;
    std::unique_ptr<AppController> m_app;
    MainWindow* m_main = nullptr;
    RecordingsPage* m_page = nullptr;
    QTemporaryDir m_out;
};

void TestRecordings::initTestCase() {
    m_settings = std::make_unique<test::TestSettings>();
    LanguageManager::instance().setLanguage(QStringLiteral("en"));
    QString error;
    const auto company = m_server.admin(
        {QStringLiteral("create-company"), QStringLiteral("--name"), QStringLiteral("Alpha Trading"),
         QStringLiteral("--retention-days"), QStringLiteral("365"), QStringLiteral("--time-zone"),
         QStringLiteral("Asia/Hong_Kong")},
        &error);
    QVERIFY2(company.contains(QStringLiteral("company_id")), qPrintable(error));
    const QString companyId = company.value(QStringLiteral("company_id"));
    const auto admin = m_server.admin(
        {QStringLiteral("create-admin"), QStringLiteral("--company"), companyId, QStringLiteral("--login"),
         QStringLiteral("admin"), QStringLiteral("--name"), QStringLiteral("Ada Admin")},
        &error);
    QVERIFY2(admin.contains(QStringLiteral("one_time_password")), qPrintable(error));
    const auto seeded = m_server.admin(
        {QStringLiteral("seed-recordings"), QStringLiteral("--company"), companyId, QStringLiteral("--count"),
         QString::number(kSeeded), QStringLiteral("--days"), QStringLiteral("20"), QStringLiteral("--seed"),
         QStringLiteral("7"), QStringLiteral("--pool-size"), QStringLiteral("3")},
        &error);
    QVERIFY2(seeded.value(QStringLiteral("inserted")).toInt() == kSeeded, qPrintable(error));
    QVERIFY2(m_server.start(), qPrintable(m_server.logTail()));
    m_token = m_server.activate(QStringLiteral("admin"), admin.value(QStringLiteral("one_time_password")),
                                kAdminPassword);
    QVERIFY(!m_token.isEmpty());
    PinStore::setPin(m_server.hostPort(), m_server.fingerprint());

    // The real application flow: login dialog → main window → first search.
    m_app = std::make_unique<AppController>();
    QSignalSpy loggedIn(m_app.get(), &AppController::loggedIn);
    m_app->start();
    LoginDialog* login = m_app->loginDialog();
    QVERIFY(login != nullptr);
    login->serverEdit()->setText(m_server.hostPort());
    login->loginEdit()->setText(QStringLiteral("admin"));
    login->passwordEdit()->setText(kAdminPassword);
    QTest::mouseClick(login->loginButton(), Qt::LeftButton);
    QVERIFY2(waitFor(loggedIn), qPrintable(login->messageLabel()->text()));
    m_main = m_app->mainWindow();
    m_page = m_main->recordingsPage();
    QVERIFY(QTest::qWaitForWindowExposed(m_main));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
}

void TestRecordings::cleanupTestCase() {
    m_app.reset();
    m_server.stop();
}

bool TestRecordings::waitFor(QSignalSpy& spy, int count, int ms) {
    return QTest::qWaitFor([&] { return spy.count() >= count; }, ms);
}

bool TestRecordings::searchAndWait() {
    QSignalSpy done(m_page, &RecordingsPage::searchFinished);
    m_page->search();
    return waitFor(done) && done.last().at(0).toBool();
}

ApiResult TestRecordings::api(const QByteArray& verb, const QString& path, const QJsonObject& body,
                              const QUrlQuery& query) {
    return m_server.call(verb, path, body, m_token, query);
}

QUrlQuery TestRecordings::defaultQuery(const QString& sort, const QString& order, int limit) const {
    RecordingFilter filter;
    filter.from = m_page->fromEdit()->date();
    filter.to = m_page->toEdit()->date();
    return recordingQuery(filter, sort, order, 0, limit);
}

void TestRecordings::selectRows(const QList<int>& rows) {
    QTableView* table = m_page->table();
    table->clearSelection();
    for (int row : rows) {
        table->selectionModel()->select(m_page->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

RecordingDetailsDialog* TestRecordings::openDetails(int row) {
    const QString callId = m_page->model()->rowAt(row)->callId();
    m_main->openRecording(callId);
    RecordingDetailsDialog* dialog =
        findWindow<RecordingDetailsDialog>(QStringLiteral("recordingDetailsDialog"));
    return dialog;
}

void TestRecordings::searchShowsTheManualColumnsAndFooter() {
    const QDate today = QDate::currentDate();
    QCOMPARE(m_page->toEdit()->date(), today);
    QCOMPARE(m_page->fromEdit()->date(), today.addMonths(-1).addDays(1));
    QVERIFY(searchAndWait());
    RecordingTableModel* model = m_page->model();
    QCOMPARE(model->total(), kSeeded);
    QCOMPARE(model->rowCount(), 50);
    QCOMPARE(m_page->footerLabel()->text(), QStringLiteral("Showing 1 to 50 of 120 records"));
    QCOMPARE(model->columnCount(), 9);
    const QStringList headers{
        QStringLiteral("Start time"),  QStringLiteral("Calling number"), QStringLiteral("Called number"),
        QStringLiteral("User number"), QStringLiteral("Duration"),       QStringLiteral("Call type"),
        QStringLiteral("Status"),      QStringLiteral("Group"),          QStringLiteral("Locked")};
    for (int c = 0; c < headers.size(); ++c) {
        QCOMPARE(model->headerData(c, Qt::Horizontal).toString(), headers.at(c));
    }
    // The same rows, in the same order, as the server gives for the default sort (newest first).
    const ApiResult direct = api("GET", QStringLiteral("/api/v1/recordings"), {},
                                 defaultQuery(QStringLiteral("start_time"), QStringLiteral("desc"), 50));
    QVERIFY(direct.ok());
    const QJsonArray rows = direct.json().value(QStringLiteral("recordings")).toArray();
    QCOMPARE(rows.size(), 50);
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(model->rowAt(i)->callId(),
                 rows.at(i).toObject().value(QStringLiteral("call_id")).toString());
    }
    const QJsonObject first = rows.at(0).toObject();
    QCOMPARE(model->index(0, RecordingTableModel::UserNumber).data().toString(),
             first.value(QStringLiteral("user_number")).toString());
    QCOMPARE(model->index(0, RecordingTableModel::CallingNumber).data().toString(),
             first.value(QStringLiteral("calling_number")).toString());
    QCOMPARE(model->index(0, RecordingTableModel::Group).data().toString(),
             first.value(QStringLiteral("group_name")).toString());
    QCOMPARE(model->index(0, RecordingTableModel::Duration).data().toString(),
             formatDuration(first.value(QStringLiteral("duration_ms")).toInteger()));
    QVERIFY(m_page->table()->selectionMode() == QAbstractItemView::ExtendedSelection);
}

void TestRecordings::pagingWalksThroughEveryRecord() {
    QVERIFY(searchAndWait());
    QSet<QString> seen;
    for (const QString& id : callIdsOf(*m_page->model())) {
        seen.insert(id);
    }
    QSignalSpy done(m_page, &RecordingsPage::searchFinished);
    QTest::mouseClick(m_page->nextButton(), Qt::LeftButton);
    QVERIFY(waitFor(done, 1));
    QCOMPARE(m_page->footerLabel()->text(), QStringLiteral("Showing 51 to 100 of 120 records"));
    for (const QString& id : callIdsOf(*m_page->model())) {
        seen.insert(id);
    }
    QTest::mouseClick(m_page->nextButton(), Qt::LeftButton);
    QVERIFY(waitFor(done, 2));
    QCOMPARE(m_page->footerLabel()->text(), QStringLiteral("Showing 101 to 120 of 120 records"));
    QCOMPARE(m_page->model()->rowCount(), 20);
    QVERIFY(!m_page->nextButton()->isEnabled());
    for (const QString& id : callIdsOf(*m_page->model())) {
        seen.insert(id);
    }
    QCOMPARE(seen.size(), kSeeded);
    QTest::mouseClick(m_page->previousButton(), Qt::LeftButton);
    QVERIFY(waitFor(done, 3));
    QCOMPARE(m_page->footerLabel()->text(), QStringLiteral("Showing 51 to 100 of 120 records"));
}

void TestRecordings::sortingIsDoneByTheServer() {
    QVERIFY(searchAndWait());
    QSignalSpy done(m_page, &RecordingsPage::searchFinished);
    m_page->table()->sortByColumn(RecordingTableModel::Duration, Qt::AscendingOrder);
    QVERIFY(waitFor(done));
    RecordingTableModel* model = m_page->model();
    QCOMPARE(model->offset(), 0);
    for (int i = 1; i < model->rowCount(); ++i) {
        QVERIFY(model->rowAt(i - 1)->recording.durationMs <= model->rowAt(i)->recording.durationMs);
    }
    // The shortest of all 120, not only of the first page.
    const ApiResult shortest = api("GET", QStringLiteral("/api/v1/recordings"), {},
                                   defaultQuery(QStringLiteral("duration"), QStringLiteral("asc"), 1));
    QCOMPARE(model->rowAt(0)->callId(), shortest.json()
                                            .value(QStringLiteral("recordings"))
                                            .toArray()
                                            .at(0)
                                            .toObject()
                                            .value(QStringLiteral("call_id"))
                                            .toString());
    m_page->table()->sortByColumn(RecordingTableModel::Duration, Qt::DescendingOrder);
    QVERIFY(waitFor(done, 2));
    for (int i = 1; i < model->rowCount(); ++i) {
        QVERIFY(model->rowAt(i - 1)->recording.durationMs >= model->rowAt(i)->recording.durationMs);
    }
    m_page->table()->sortByColumn(RecordingTableModel::StartTime, Qt::DescendingOrder);
    QVERIFY(waitFor(done, 3));
}

void TestRecordings::moreThanOneMonthIsStopped() {
    const QDate from = m_page->fromEdit()->date();
    const QDate to = m_page->toEdit()->date();
    const QStringList before = callIdsOf(*m_page->model());
    m_page->fromEdit()->setDate(QDate(2026, 1, 1));
    m_page->toEdit()->setDate(QDate(2026, 2, 1));
    QSignalSpy done(m_page, &RecordingsPage::searchFinished);
    QTest::mouseClick(m_page->searchButton(), Qt::LeftButton);
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.last().at(0).toBool(), false);
    QCOMPARE(m_page->messageLabel()->text(),
             QStringLiteral(
                 "You can search at most one month at a time. Choose an end date on or before 2026-01-31."));
    QVERIFY(!m_page->isBusy());
    QCOMPARE(callIdsOf(*m_page->model()), before);
    // Exactly one month is allowed (and the server agrees).
    m_page->toEdit()->setDate(QDate(2026, 1, 31));
    QVERIFY(searchAndWait());
    QCOMPARE(m_page->model()->total(), 0);
    QCOMPARE(m_page->footerLabel()->text(), QStringLiteral("No records"));
    m_page->fromEdit()->setDate(from);
    m_page->toEdit()->setDate(to);
}

void TestRecordings::advancedFiltersNarrowTheSearch() {
    AdvancedSearchPanel* panel = m_page->advancedPanel();
    panel->callTypeBox()->setCurrentIndex(panel->callTypeBox()->findData(QStringLiteral("outbound")));
    QVERIFY(searchAndWait());
    QUrlQuery query = defaultQuery(QStringLiteral("start_time"), QStringLiteral("desc"), 1);
    query.addQueryItem(QStringLiteral("call_type"), QStringLiteral("outbound"));
    const qint64 outbound = api("GET", QStringLiteral("/api/v1/recordings"), {}, query)
                                .json()
                                .value(QStringLiteral("total"))
                                .toInteger();
    QVERIFY(outbound > 0 && outbound < kSeeded);
    QCOMPARE(m_page->model()->total(), outbound);
    for (const RecordingRow& row : m_page->model()->rows()) {
        QVERIFY(row.recording.callType == CallType::Outbound);
    }
    const QString callId = m_page->model()->rowAt(0)->callId();
    panel->callIdEdit()->setText(callId);
    QVERIFY(searchAndWait());
    QCOMPARE(m_page->model()->total(), 1);
    QCOMPARE(m_page->model()->rowAt(0)->callId(), callId);
    panel->clear();
    QVERIFY(searchAndWait());
    QCOMPARE(m_page->model()->total(), kSeeded);
}

void TestRecordings::noteAndLabelAreSaved() {
    RecordingDetailsDialog* dialog = openDetails(0);
    QVERIFY(dialog != nullptr);
    QSignalSpy loaded(dialog, &RecordingDetailsDialog::detailsLoaded);
    QVERIFY(waitFor(loaded));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->labelBox()->count() > 1, 10000);
    const QString callId = dialog->callId();
    QCOMPARE(dialog->fieldText(QStringLiteral("call_id")), callId);
    dialog->noteEdit()->setText(QStringLiteral("Call back Mr Chan 陳先生"));
    dialog->labelBox()->setCurrentIndex(1);
    const qint64 labelId = dialog->labelBox()->currentData().toLongLong();
    QSignalSpy saved(dialog, &RecordingDetailsDialog::saved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(waitFor(saved));
    QVERIFY(saved.last().at(0).toBool());
    const QJsonObject stored = api("GET", recordingPath(callId)).json();
    QCOMPARE(stored.value(QStringLiteral("note")).toString(), QStringLiteral("Call back Mr Chan 陳先生"));
    QCOMPARE(stored.value(QStringLiteral("label_id")).toInteger(), labelId);
    dialog->close();
}

void TestRecordings::bookmarksAddLocateDelete() {
    RecordingDetailsDialog* dialog = openDetails(1);
    QVERIFY(dialog != nullptr);
    QSignalSpy peaks(dialog, &RecordingDetailsDialog::peaksLoaded);
    QSignalSpy marks(dialog, &RecordingDetailsDialog::bookmarksLoaded);
    QVERIFY(waitFor(peaks) && waitFor(marks));
    QVERIFY(peaks.last().at(0).toBool());
    const QString callId = dialog->callId();
    WaveformWidget* waveform = dialog->playerPanel()->waveform();
    QVERIFY(waveform->durationMs() >= 5000);
    const int before = dialog->bookmarkModel()->rowCount();

    // Add: from the range selected on the waveform, with a mark.
    waveform->setSelection(1000, 3000);
    dialog->markEdit()->setText(QStringLiteral("greeting"));
    QSignalSpy added(dialog, &RecordingDetailsDialog::bookmarkAdded);
    QTest::mouseClick(dialog->addBookmarkButton(), Qt::LeftButton);
    QVERIFY(waitFor(added));
    QVERIFY(added.last().at(0).toBool());
    QCOMPARE(dialog->bookmarkModel()->rowCount(), before + 1);
    QCOMPARE(waveform->bookmarkCount(), before + 1);
    const QJsonArray stored = api("GET", recordingPath(callId, QStringLiteral("bookmarks")))
                                  .json()
                                  .value(QStringLiteral("bookmarks"))
                                  .toArray();
    QCOMPARE(stored.size(), before + 1);
    int row = -1;
    for (int i = 0; i < dialog->bookmarkModel()->rowCount(); ++i) {
        if (dialog->bookmarkModel()->at(i)->text == "greeting") {
            row = i;
        }
    }
    QVERIFY(row >= 0);
    QCOMPARE(dialog->bookmarkModel()->at(row)->startMs, 1000);
    QCOMPARE(dialog->bookmarkModel()->at(row)->endMs, 3000);
    QCOMPARE(dialog->bookmarkModel()->index(row, BookmarkTableModel::TimeRange).data().toString(),
             QStringLiteral("00:01 – 00:03"));

    // Locate: seeks to the range and plays it (fetching and decoding the audio first), then stops at its end.
    dialog->bookmarkTable()->selectRow(row);
    QTest::mouseClick(dialog->locateButton(), Qt::LeftButton);
    AudioPlayer* player = dialog->playerPanel()->player();
    QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying(), 20000);
    QVERIFY(player->positionMs() >= 1000 && player->positionMs() <= 3000);
    QTRY_VERIFY_WITH_TIMEOUT(!player->isPlaying(), 10000);
    QCOMPARE(player->positionMs(), 3000);
    QVERIFY(api("GET", recordingPath(callId)).json().value(QStringLiteral("listened")).toBool());

    // Delete.
    QSignalSpy deleted(dialog, &RecordingDetailsDialog::bookmarkDeleted);
    dialog->bookmarkTable()->selectRow(row);
    QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
    QVERIFY(waitFor(deleted));
    QVERIFY(deleted.last().at(0).toBool());
    QCOMPARE(dialog->bookmarkModel()->rowCount(), before);
    QCOMPARE(api("GET", recordingPath(callId, QStringLiteral("bookmarks")))
                 .json()
                 .value(QStringLiteral("bookmarks"))
                 .toArray()
                 .size(),
             before);

    // Keyboard: Space plays, → skips 5 s, ] is faster.
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    dialog->playerPanel()->player()->seek(0);
    QTest::keyClick(dialog, Qt::Key_BracketRight);
    QCOMPARE(dialog->playerPanel()->speedBox()->currentText(), QStringLiteral("1.25×"));
    QTest::keyClick(dialog, Qt::Key_Right);
    QCOMPARE(player->positionMs(), 5000);
    QTest::keyClick(dialog, Qt::Key_Space);
    QVERIFY(player->isPlaying());
    QTest::keyClick(dialog, Qt::Key_Space);
    QVERIFY(!player->isPlaying());
    dialog->close();
}

void TestRecordings::downloadWritesTheServersBytes() {
    QVERIFY(searchAndWait());
    selectRows({2, 3, 4});
    QTemporaryDir folder;
    m_page->setFolderChooser([&folder] { return folder.path(); });
    QSignalSpy finished(m_page, &RecordingsPage::downloadFinished);
    QTest::mouseClick(m_page->downloadButton(), Qt::LeftButton);
    QVERIFY(waitFor(finished, 1, 60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    for (int row : {2, 3, 4}) {
        const RecordingRow* recording = m_page->model()->rowAt(row);
        QFile downloaded(QDir(folder.path()).filePath(recording->callId() + QStringLiteral(".mp3")));
        QVERIFY2(downloaded.open(QIODevice::ReadOnly), qPrintable(downloaded.fileName()));
        QFile original(QDir(m_server.dataDir())
                           .filePath(QStringLiteral("recordings") +
                                     QString::fromStdString(recording->recording.filePath)));
        QVERIFY2(original.open(QIODevice::ReadOnly), qPrintable(original.fileName()));
        const QByteArray bytes = downloaded.readAll();
        QVERIFY(bytes.size() > 1000);
        QCOMPARE(bytes, original.readAll());
    }
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), 3);
    // The table shows them as Downloaded after the refresh.
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowAt(2)->recording.downloaded, 10000);
}

void TestRecordings::canceledDownloadLeavesNoFile() {
    selectRows({6, 7});
    QTemporaryDir folder;
    m_page->setFolderChooser([&folder] { return folder.path(); });
    QSignalSpy finished(m_page, &RecordingsPage::downloadFinished);
    QTest::mouseClick(m_page->downloadButton(), Qt::LeftButton);
    auto* progress = m_page->findChild<QProgressDialog*>(QStringLiteral("downloadProgress"));
    QVERIFY(progress != nullptr);
    QVERIFY(progress->isVisible());
    // Cancel before the first answer can arrive.
    QTest::mouseClick(progress->findChild<QPushButton*>(), Qt::LeftButton);
    QVERIFY(waitFor(finished));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QCOMPARE(finished.last().at(1).toString(), QStringLiteral("The download was canceled."));
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

void TestRecordings::exportWritesTheCsv() {
    selectRows({0, 5});
    const QString path = m_out.filePath(QStringLiteral("cdr"));
    m_page->setCsvChooser([path] { return path; });
    QSignalSpy finished(m_page, &RecordingsPage::exportFinished);
    QTest::mouseClick(m_page->exportButton(), Qt::LeftButton);
    QVERIFY(waitFor(finished));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QFile csv(path + QStringLiteral(".csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray text = csv.readAll();
    // The server writes a UTF-8 byte-order mark so spreadsheet programs read the Chinese notes right.
    const QByteArray csvText = text.startsWith("\xEF\xBB\xBF") ? text.mid(3) : text;
    QVERIFY2(
        csvText.startsWith("Call ID,Call Date,User No.,Group ID,Inbound/Outbound No.,Call Type,Duration,"),
        text.left(200).constData());
    QCOMPARE(csvText.count('\n'), 3);
    QVERIFY(text.contains(m_page->model()->rowAt(0)->callId().toLatin1()));
    QVERIFY(text.contains(m_page->model()->rowAt(5)->callId().toLatin1()));
    const ApiResult direct =
        api("POST", QStringLiteral("/api/v1/cdr/export"),
            {{QStringLiteral("call_ids"),
              QJsonArray{m_page->model()->rowAt(0)->callId(), m_page->model()->rowAt(5)->callId()}}});
    QCOMPARE(text, direct.body);
}

void TestRecordings::lockAndUnlock() {
    selectRows({0});
    const QString callId = m_page->model()->rowAt(0)->callId();
    QSignalSpy locked(m_page, &RecordingsPage::lockFinished);
    QTest::mouseClick(m_page->unlockButton(), Qt::LeftButton);
    QVERIFY(waitFor(locked));
    QVERIFY(locked.last().at(0).toBool());
    QVERIFY(!api("GET", recordingPath(callId)).json().value(QStringLiteral("locked")).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->index(0, RecordingTableModel::Locked).data().toString(),
                              QStringLiteral("Unlocked"), 10000);
    selectRows({0});
    QTest::mouseClick(m_page->lockButton(), Qt::LeftButton);
    QVERIFY(waitFor(locked, 2));
    QVERIFY(api("GET", recordingPath(callId)).json().value(QStringLiteral("locked")).toBool());
}

void TestRecordings::screenshotsInBothLanguages() {
    const QString dir = test::artifactDir();
    m_main->resize(1280, 760);
    QVERIFY(searchAndWait());
    selectRows({1, 2});
    RecordingDetailsDialog* dialog = openDetails(0);
    QVERIFY(dialog != nullptr);
    QSignalSpy peaks(dialog, &RecordingDetailsDialog::peaksLoaded);
    QSignalSpy details(dialog, &RecordingDetailsDialog::detailsLoaded);
    QVERIFY(waitFor(peaks) && waitFor(details));
    WaveformWidget* waveform = dialog->playerPanel()->waveform();
    const qint64 d = waveform->durationMs();
    QVERIFY(d > 0);
    waveform->setSelection(d / 2, d * 7 / 10);
    dialog->markEdit()->setText(QStringLiteral("客戶要求回電"));
    QSignalSpy added(dialog, &RecordingDetailsDialog::bookmarkAdded);
    dialog->addBookmark();
    QVERIFY(waitFor(added));
    waveform->setSelection(d / 10, d * 3 / 10);
    dialog->markEdit()->setText(QStringLiteral("greeting"));
    dialog->addBookmark();
    QVERIFY(waitFor(added, 2));
    QVERIFY(added.last().at(0).toBool());
    dialog->playerPanel()->skip(d * 4 / 10);
    QCOMPARE(waveform->positionMs(), d * 4 / 10);
    waveform->setSelection(d * 3 / 4, d * 9 / 10);
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_HK")}) {
        LanguageManager::instance().setLanguage(language);
        m_page->advancedToggle()->setChecked(true);
        QCoreApplication::processEvents();
        QTest::qWait(100);
        const QImage main = m_main->grab().toImage();
        const QImage player = dialog->grab().toImage();
        QVERIFY(!main.isNull() && !player.isNull());
        QVERIFY(main.save(QDir(dir).filePath(QStringLiteral("main_window_%1.png").arg(language))));
        QVERIFY(player.save(QDir(dir).filePath(QStringLiteral("recording_details_%1.png").arg(language))));
    }
    QCOMPARE(m_page->searchButton()->text(), QStringLiteral("搜索"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("詳細資訊錄音記錄"));
    LanguageManager::instance().setLanguage(QStringLiteral("en"));
    m_page->advancedToggle()->setChecked(false);
    dialog->close();
}

void TestRecordings::expiredSessionOffersLoginAndKeepsTheSearch() {
    QVERIFY(searchAndWait());
    QSignalSpy done(m_page, &RecordingsPage::searchFinished);
    QTest::mouseClick(m_page->nextButton(), Qt::LeftButton);
    QVERIFY(waitFor(done));
    const QString footer = m_page->footerLabel()->text();
    const QStringList ids = callIdsOf(*m_page->model());
    // The server forgets the session (as after an idle timeout or a logout elsewhere).
    QCOMPARE(m_server.call("DELETE", QStringLiteral("/api/v1/session"), {}, m_app->api()->token()).status,
             204);
    m_page->refresh();
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("reloginBox"))) != nullptr, 15000);
    QVERIFY(box->text().contains(QStringLiteral("Your search is kept")));
    QCOMPARE(m_page->footerLabel()->text(), footer);
    QSignalSpy loggedIn(m_app.get(), &AppController::loggedIn);
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("reloginButton")), Qt::LeftButton);
    LoginDialog* login = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((login = findWindow<LoginDialog>(QStringLiteral("loginDialog"))) != nullptr,
                             5000);
    QVERIFY(login->loginEdit()->isReadOnly());
    QCOMPARE(login->loginEdit()->text(), QStringLiteral("admin"));
    login->passwordEdit()->setText(kAdminPassword);
    QTest::mouseClick(login->loginButton(), Qt::LeftButton);
    QVERIFY(waitFor(loggedIn));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy() && m_page->footerLabel()->text() == footer, 15000);
    QCOMPARE(callIdsOf(*m_page->model()), ids);
}

void TestRecordings::lostConnectionIsReported() {
    m_server.stop();
    m_page->refresh();
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = findWindow<QMessageBox>(QStringLiteral("reloginBox"))) != nullptr, 20000);
    QVERIFY(box->text().contains(QStringLiteral("connection to the server was lost")));
    QVERIFY(!m_page->isBusy());
    box->reject();
}

QTEST_MAIN(TestRecordings)
#include "tst_recordings.moc"
