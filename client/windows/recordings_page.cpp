#include "client/windows/recordings_page.h"

#include "client/models/recording_table_model.h"
#include "client/net/api_client.h"
#include "client/net/download_job.h"
#include "client/net/error_text.h"
#include "client/widgets/advanced_search_panel.h"

#include <QDateEdit>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace callvault::client {
namespace {

QHash<qint64, QString> namesOf(const QJsonArray& rows) {
    QHash<qint64, QString> names;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        names.insert(row.value(QStringLiteral("id")).toInteger(),
                     row.value(QStringLiteral("name")).toString());
    }
    return names;
}

}  // namespace

RecordingsPage::RecordingsPage(ApiClient* api, QWidget* parent)
    : QWidget(parent),
      m_api(api),
      m_model(new RecordingTableModel(this)),
      m_rangeLabel(new QLabel(this)),
      m_toLabel(new QLabel(this)),
      m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this)),
      m_advancedToggle(new QToolButton(this)),
      m_advanced(new AdvancedSearchPanel(this)),
      m_search(new QPushButton(this)),
      m_download(new QPushButton(this)),
      m_export(new QPushButton(this)),
      m_lock(new QPushButton(this)),
      m_unlock(new QPushButton(this)),
      m_message(new QLabel(this)),
      m_table(new QTableView(this)),
      m_footer(new QLabel(this)),
      m_previous(new QPushButton(this)),
      m_next(new QPushButton(this)),
      m_pageLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("recordingsPage"));
    m_chooseFolder = [this] { return QFileDialog::getExistingDirectory(this, tr("Download recordings to")); };
    m_chooseCsv = [this] {
        return QFileDialog::getSaveFileName(this, tr("Export CDR"), QStringLiteral("cdr.csv"),
                                            tr("CSV files (*.csv)"));
    };
    const QDate today = QDate::currentDate();
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setDate(today.addMonths(-1).addDays(1));
    m_to->setDate(today);
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::DownArrow);
    m_advanced->setVisible(false);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool on) {
        m_advanced->setVisible(on);
        m_advancedToggle->setArrowType(on ? Qt::UpArrow : Qt::DownArrow);
    });
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("recordingsMessage"));
    m_message->hide();

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_model, &RecordingTableModel::fetchRequested, this, [this] {
        if (m_searched) {
            fetch(0);
        }
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit recordingActivated(index.data(RecordingTableModel::kCallIdRole).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecordingsPage::updateButtons);
    connect(m_search, &QPushButton::clicked, this, &RecordingsPage::search);
    connect(m_advanced, &AdvancedSearchPanel::searchRequested, this, &RecordingsPage::search);
    connect(m_download, &QPushButton::clicked, this, &RecordingsPage::downloadSelected);
    connect(m_export, &QPushButton::clicked, this, &RecordingsPage::exportSelected);
    connect(m_lock, &QPushButton::clicked, this, [this] { lockSelected(true); });
    connect(m_unlock, &QPushButton::clicked, this, [this] { lockSelected(false); });
    connect(m_previous, &QPushButton::clicked, this, &RecordingsPage::previousPage);
    connect(m_next, &QPushButton::clicked, this, &RecordingsPage::nextPage);

    auto* range = new QHBoxLayout;
    range->addWidget(m_rangeLabel);
    range->addWidget(m_from);
    range->addWidget(m_toLabel);
    range->addWidget(m_to);
    range->addWidget(m_advancedToggle);
    range->addStretch();
    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_search, m_download, m_export, m_lock, m_unlock}) {
        actions->addWidget(button);
    }
    actions->addStretch();
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_footer);
    footer->addStretch();
    footer->addWidget(m_previous);
    footer->addWidget(m_pageLabel);
    footer->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(range);
    layout->addWidget(m_advanced);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(footer);
    retranslateUi();
    updateFooter();
    updateButtons();
}

void RecordingsPage::setSession(const Session& session) {
    m_session = session;
    m_download->setVisible(session.may(Permission::DownloadRecording));
    m_export->setVisible(session.may(Permission::ExportCdr));
    m_lock->setVisible(session.may(Permission::LockRecording));
    m_unlock->setVisible(session.may(Permission::LockRecording));
    m_advanced->setGroupFilterVisible(session.may(Permission::ViewGroups));
    loadNames();
}

void RecordingsPage::loadNames() {
    if (m_session.may(Permission::ViewGroups)) {
        m_api->get(QStringLiteral("/api/v1/groups"), {}, this, [this](const ApiResult& result) {
            if (result.ok()) {
                const auto names = namesOf(result.json().value(QStringLiteral("groups")).toArray());
                m_advanced->setGroups(names);
                m_model->setGroupNames(names);
            }
        });
    }
    if (m_session.may(Permission::ViewLabels)) {
        m_api->get(QStringLiteral("/api/v1/labels"), {}, this, [this](const ApiResult& result) {
            if (result.ok()) {
                m_labels = namesOf(result.json().value(QStringLiteral("labels")).toArray());
                m_advanced->setLabels(m_labels);
            }
        });
    }
}

void RecordingsPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void RecordingsPage::retranslateUi() {
    m_rangeLabel->setText(tr("Date range:"));
    m_toLabel->setText(tr("to"));
    m_advancedToggle->setText(tr("Advanced search"));
    m_search->setText(tr("Search"));
    m_download->setText(tr("Download"));
    m_export->setText(tr("Export CDR"));
    m_lock->setText(tr("Lock"));
    m_unlock->setText(tr("Unlock"));
    m_previous->setText(tr("Previous"));
    m_next->setText(tr("Next"));
    m_model->retranslate();
    updateFooter();
}

void RecordingsPage::showMessage(const QString& text, bool error) {
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void RecordingsPage::search() {
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    switch (checkRange(from, to)) {
        case RangeProblem::None:
            break;
        case RangeProblem::TooLong:
            showMessage(tr("You can search at most one month at a time. Choose an end date on or before %1.")
                            .arg(from.addMonths(1).addDays(-1).toString(QStringLiteral("yyyy-MM-dd"))));
            emit searchFinished(false);
            return;
        case RangeProblem::Reversed:
        case RangeProblem::Empty:
            showMessage(tr("The start date must not be after the end date."));
            emit searchFinished(false);
            return;
    }
    RecordingFilter filter;
    filter.from = from;
    filter.to = to;
    m_advanced->fillFilter(filter);
    m_filter = filter;
    m_searched = true;
    fetch(0);
}

void RecordingsPage::refresh() {
    if (m_searched) {
        fetch(m_model->offset());
    }
}

void RecordingsPage::nextPage() {
    if (m_model->offset() + m_model->pageSize() < m_model->total()) {
        fetch(m_model->offset() + m_model->pageSize());
    }
}

void RecordingsPage::previousPage() {
    if (m_model->offset() > 0) {
        fetch(std::max<qint64>(0, m_model->offset() - m_model->pageSize()));
    }
}

void RecordingsPage::fetch(qint64 offset) {
    m_busy = true;
    m_search->setEnabled(false);
    showMessage(tr("Searching…"), false);
    const QUrlQuery query =
        recordingQuery(m_filter, m_model->sortKey(), m_model->sortDirection(), offset, m_model->pageSize());
    m_api->get(QStringLiteral("/api/v1/recordings"), query, this, [this, offset](const ApiResult& result) {
        m_busy = false;
        m_search->setEnabled(true);
        if (!result.ok()) {
            // A lost session or connection is reported once by the main window; the search stays as it is.
            showMessage(result.reported ? QString() : ErrorText::forRequest(result));
            emit searchFinished(false);
            return;
        }
        const QJsonObject answer = result.json();
        QVector<RecordingRow> rows;
        for (const QJsonValue& value : answer.value(QStringLiteral("recordings")).toArray()) {
            if (auto row = RecordingRow::fromJson(value.toObject())) {
                rows.push_back(*row);
            }
        }
        m_model->setPage(rows, offset, answer.value(QStringLiteral("total")).toInteger(rows.size()));
        showMessage({});
        updateFooter();
        updateButtons();
        emit searchFinished(true);
    });
}

void RecordingsPage::updateFooter() {
    m_footer->setText(m_model->footerText());
    const qint64 pages =
        std::max<qint64>(1, (m_model->total() + m_model->pageSize() - 1) / m_model->pageSize());
    const qint64 page = m_model->offset() / m_model->pageSize() + 1;
    m_pageLabel->setText(tr("Page %1 of %2").arg(page).arg(pages));
    m_previous->setEnabled(m_model->offset() > 0);
    m_next->setEnabled(m_model->offset() + m_model->pageSize() < m_model->total());
}

void RecordingsPage::updateButtons() {
    const bool any = m_table->selectionModel() != nullptr && m_table->selectionModel()->hasSelection();
    for (QPushButton* button : {m_download, m_export, m_lock, m_unlock}) {
        button->setEnabled(any);
    }
}

QStringList RecordingsPage::selectedCallIds() const {
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        ids << index.data(RecordingTableModel::kCallIdRole).toString();
    }
    return ids;
}

void RecordingsPage::downloadSelected() {
    const QStringList ids = selectedCallIds();
    if (ids.isEmpty() || m_downloadJob) {
        return;
    }
    const QString folder = m_chooseFolder ? m_chooseFolder() : QString();
    if (folder.isEmpty()) {
        return;
    }
    auto* job = new DownloadJob(m_api, ids, QDir(folder), this);
    m_downloadJob = job;
    auto* progress = new QProgressDialog(this);
    progress->setObjectName(QStringLiteral("downloadProgress"));
    progress->setWindowTitle(tr("Download"));
    progress->setLabelText(tr("Downloading %n recording(s)…", nullptr, static_cast<int>(ids.size())));
    progress->setCancelButtonText(tr("Cancel"));
    progress->setRange(0, 1000);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    m_progress = progress;
    connect(progress, &QProgressDialog::canceled, job, &DownloadJob::cancel);
    connect(job, &DownloadJob::progressed, progress,
            [progress](int index, int count, qint64 received, qint64 total) {
                const double file =
                    total > 0 ? static_cast<double>(received) / static_cast<double>(total) : 0.0;
                progress->setValue(static_cast<int>(1000.0 * (index + file) / std::max(1, count)));
                progress->setLabelText(tr("Downloading recording %1 of %2…").arg(index + 1).arg(count));
            });
    connect(job, &DownloadJob::finished, this, [this, job](bool ok, const QString& error) {
        if (QProgressDialog* dialog = m_progress.data()) {
            dialog->close();
        }
        job->deleteLater();
        const QString text = ok ? tr("%n recording(s) downloaded.", nullptr, job->done()) : error;
        showMessage(text, !ok);
        emit downloadFinished(ok, text);
        refresh();
    });
    progress->open();
    job->start();
}

void RecordingsPage::exportSelected() {
    const QStringList ids = selectedCallIds();
    if (ids.isEmpty()) {
        return;
    }
    QString path = m_chooseCsv ? m_chooseCsv() : QString();
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".csv");
    }
    QJsonArray callIds;
    for (const QString& id : ids) {
        callIds.append(id);
    }
    showMessage(tr("Exporting…"), false);
    m_api->post(QStringLiteral("/api/v1/cdr/export"), QJsonObject{{QStringLiteral("call_ids"), callIds}},
                this, [this, path](const ApiResult& result) {
                    if (!result.ok()) {
                        const QString text = ErrorText::forRequest(result);
                        showMessage(result.reported ? QString() : text);
                        emit exportFinished(false, text);
                        return;
                    }
                    QSaveFile file(path);
                    if (!file.open(QIODevice::WriteOnly) || file.write(result.body) != result.body.size() ||
                        !file.commit()) {
                        const QString text = tr("Cannot write %1: %2").arg(path, file.errorString());
                        showMessage(text);
                        emit exportFinished(false, text);
                        return;
                    }
                    const QString text = tr("The CDR was exported to %1.").arg(path);
                    showMessage(text, false);
                    emit exportFinished(true, text);
                });
}

void RecordingsPage::lockSelected(bool locked) {
    const QStringList ids = selectedCallIds();
    if (ids.isEmpty()) {
        return;
    }
    // One request per recording; the table is read again when the last one has answered.
    auto remaining = std::make_shared<int>(static_cast<int>(ids.size()));
    auto failed = std::make_shared<QString>();
    for (const QString& id : ids) {
        m_api->put(recordingPath(id, QStringLiteral("lock")), QJsonObject{{QStringLiteral("locked"), locked}},
                   this, [this, remaining, failed](const ApiResult& result) {
                       if (!result.ok() && failed->isEmpty()) {
                           *failed = ErrorText::forRequest(result);
                       }
                       if (--*remaining == 0) {
                           showMessage(*failed);
                           emit lockFinished(failed->isEmpty());
                           refresh();
                       }
                   });
    }
}

}  // namespace callvault::client
