#pragma once

#include "client/models/timeline_mapping.h"
#include "client/models/waveform_peaks.h"
#include "common/types/recording.h"

#include <QVector>
#include <QWidget>

namespace callvault::client {

/// Both channels of a recording drawn from the server's peaks (user on top, other party below), the played
/// part, the cursor, a selected range and the bookmarks as ranges on a timeline strip. Left click or drag
/// seeks; Shift+drag or right drag selects a range (for a new bookmark).
class WaveformWidget : public QWidget {
    Q_OBJECT

public:
    explicit WaveformWidget(QWidget* parent = nullptr);

    void setPeaks(const WaveformPeaks& peaks);
    /// The recording's length (the peaks may be missing or a little shorter).
    void setDurationMs(qint64 ms);
    qint64 durationMs() const { return m_durationMs; }
    void setPositionMs(qint64 ms);
    qint64 positionMs() const { return m_positionMs; }
    void setBookmarks(const QVector<Bookmark>& bookmarks);
    /// The selected range, or {-1, -1}.
    QPair<qint64, qint64> selection() const { return {m_selectionStart, m_selectionEnd}; }
    void setSelection(qint64 startMs, qint64 endMs);
    void clearSelection();

    /// The mapping for the current width (the area where the waveform is drawn).
    TimelineMapping mapping() const;
    /// Where bookmark `index` is drawn on the timeline strip (in widget pixels).
    QRectF bookmarkRect(int index) const;
    int bookmarkCount() const { return static_cast<int>(m_bookmarks.size()); }

    QSize sizeHint() const override { return {640, 160}; }
    QSize minimumSizeHint() const override { return {200, 90}; }

signals:
    void seekRequested(qint64 ms);
    void selectionChanged(qint64 startMs, qint64 endMs);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QRectF waveArea() const;
    QRectF timelineArea() const;
    void drawLanes(QPainter& painter, const QRectF& area) const;
    /// The peak columns left of `toX` (pixels from the area's left) in `color`.
    void drawPeaks(QPainter& painter, const QRectF& area, const QColor& color, int toX) const;
    void drawPlayed(QPainter& painter, const QRectF& area) const;
    void drawBookmarks(QPainter& painter, const QRectF& area) const;
    void drawSelection(QPainter& painter, const QRectF& area) const;
    void drawCursor(QPainter& painter, const QRectF& area) const;
    void drawTimeAxis(QPainter& painter, const QRectF& area) const;
    qint64 msAtWidgetX(double x) const;

    WaveformPeaks m_peaks;
    QVector<Bookmark> m_bookmarks;
    qint64 m_durationMs = 0;
    qint64 m_positionMs = 0;
    qint64 m_selectionStart = -1;
    qint64 m_selectionEnd = -1;
    qint64 m_dragAnchor = -1;
    bool m_selecting = false;
    bool m_seeking = false;
};

}  // namespace callvault::client
