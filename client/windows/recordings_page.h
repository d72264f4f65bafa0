#pragma once

#include "client/net/recording_query.h"
#include "client/net/session.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QDateEdit;
class QLabel;
class QProgressDialog;
class QPushButton;
class QTableView;
class QToolButton;

namespace callvault::client {

class AdvancedSearchPanel;
class ApiClient;
class DownloadJob;
class RecordingTableModel;
struct RecordingRow;

/// Services → Recordings (§2–§6): date range, Search, Advanced search, the paged result table, Download,
/// Export CDR and Lock/Unlock for the roles that may use them. Every request is asynchronous.
class RecordingsPage : public QWidget {
    Q_OBJECT

public:
    RecordingsPage(ApiClient* api, QWidget* parent = nullptr);

    /// Shows only what `session`'s role may use and loads groups and labels.
    void setSession(const Session& session);
    /// Runs the current search again (same filters, page and sort), e.g. after logging in again.
    void refresh();

    /// Seams for tests and automation: the folder for downloads and the .csv file for an export.
    void setFolderChooser(std::function<QString()> chooser) { m_chooseFolder = std::move(chooser); }
    void setCsvChooser(std::function<QString()> chooser) { m_chooseCsv = std::move(chooser); }

    RecordingTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    AdvancedSearchPanel* advancedPanel() const { return m_advanced; }
    QToolButton* advancedToggle() const { return m_advancedToggle; }
    QPushButton* searchButton() const { return m_search; }
    QPushButton* downloadButton() const { return m_download; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* lockButton() const { return m_lock; }
    QPushButton* unlockButton() const { return m_unlock; }
    QPushButton* previousButton() const { return m_previous; }
    QPushButton* nextButton() const { return m_next; }
    QLabel* footerLabel() const { return m_footer; }
    QLabel* messageLabel() const { return m_message; }
    /// True while a search request is out.
    bool isBusy() const { return m_busy; }
    const QHash<qint64, QString>& labelNames() const { return m_labels; }

public slots:
    void search();
    void nextPage();
    void previousPage();
    void downloadSelected();
    void exportSelected();
    void lockSelected(bool locked);

signals:
    /// A recording was double-clicked (or Enter pressed on it).
    void recordingActivated(const QString& callId);
    /// A search page arrived (or failed): tests wait for it.
    void searchFinished(bool ok);
    void downloadFinished(bool ok, const QString& message);
    void exportFinished(bool ok, const QString& message);
    void lockFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fetch(qint64 offset);
    void updateFooter();
    void updateButtons();
    void showMessage(const QString& text, bool error = true);
    QStringList selectedCallIds() const;
    void loadNames();

    ApiClient* m_api;
    Session m_session;
    RecordingTableModel* m_model;
    RecordingFilter m_filter;  ///< the filter of the search shown (kept when the session is renewed)
    bool m_searched = false;
    bool m_busy = false;
    QHash<qint64, QString> m_labels;
    std::function<QString()> m_chooseFolder;
    std::function<QString()> m_chooseCsv;
    QPointer<DownloadJob> m_downloadJob;
    QPointer<QProgressDialog> m_progress;

    QLabel* m_rangeLabel;
    QLabel* m_toLabel;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QToolButton* m_advancedToggle;
    AdvancedSearchPanel* m_advanced;
    QPushButton* m_search;
    QPushButton* m_download;
    QPushButton* m_export;
    QPushButton* m_lock;
    QPushButton* m_unlock;
    QLabel* m_message;
    QTableView* m_table;
    QLabel* m_footer;
    QPushButton* m_previous;
    QPushButton* m_next;
    QLabel* m_pageLabel;
};

}  // namespace callvault::client
