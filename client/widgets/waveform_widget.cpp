#include "client/widgets/waveform_widget.h"

#include "client/models/recording_row.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <limits>

namespace callvault::client {
namespace {

constexpr double kMargin = 4.0;
constexpr double kTimelineHeight = 22.0;
constexpr double kAxisHeight = 14.0;
const QColor kBackground(0x1e, 0x22, 0x28);
const QColor kWave(0x4f, 0xa3, 0xe0);
const QColor kWavePlayed(0xf0, 0xa0, 0x30);
const QColor kCursor(0xff, 0xff, 0xff);
const QColor kBookmark(0x6c, 0xd0, 0x6c);
const QColor kSelection(0xff, 0xff, 0xff, 50);

}  // namespace

WaveformWidget::WaveformWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(false);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void WaveformWidget::setPeaks(const WaveformPeaks& peaks) {
    m_peaks = peaks;
    if (m_durationMs <= 0) {
        m_durationMs = peaks.durationMs();
    }
    update();
}

void WaveformWidget::setDurationMs(qint64 ms) {
    m_durationMs = ms;
    update();
}

void WaveformWidget::setPositionMs(qint64 ms) {
    if (ms != m_positionMs) {
        m_positionMs = ms;
        update();
    }
}

void WaveformWidget::setBookmarks(const QVector<Bookmark>& bookmarks) {
    m_bookmarks = bookmarks;
    update();
}

void WaveformWidget::setSelection(qint64 startMs, qint64 endMs) {
    m_selectionStart = std::min(startMs, endMs);
    m_selectionEnd = std::max(startMs, endMs);
    update();
    emit selectionChanged(m_selectionStart, m_selectionEnd);
}

void WaveformWidget::clearSelection() {
    m_selectionStart = m_selectionEnd = -1;
    update();
    emit selectionChanged(-1, -1);
}

QRectF WaveformWidget::waveArea() const {
    return QRectF(kMargin, kMargin, std::max(1.0, width() - 2 * kMargin),
                  std::max(1.0, height() - 2 * kMargin - kTimelineHeight - kAxisHeight));
}

QRectF WaveformWidget::timelineArea() const {
    const QRectF wave = waveArea();
    return QRectF(wave.left(), wave.bottom() + 2, wave.width(), kTimelineHeight - 4);
}

TimelineMapping WaveformWidget::mapping() const {
    return TimelineMapping(m_durationMs, static_cast<int>(waveArea().width()));
}

qint64 WaveformWidget::msAtWidgetX(double x) const {
    return mapping().msAt(x - waveArea().left());
}

QRectF WaveformWidget::bookmarkRect(int index) const {
    if (index < 0 || index >= m_bookmarks.size()) {
        return {};
    }
    const TimelineMapping map = mapping();
    const QRectF strip = timelineArea();
    const Bookmark& b = m_bookmarks[index];
    const double left = strip.left() + map.xOf(b.startMs);
    const double right = strip.left() + map.xOf(b.endMs);
    return QRectF(left, strip.top(), std::max(2.0, right - left), strip.height());
}

void WaveformWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(rect(), kBackground);
    const QRectF area = waveArea();
    drawLanes(painter, area);
    drawPeaks(painter, area, kWave, std::numeric_limits<int>::max());
    drawPlayed(painter, area);
    drawSelection(painter, area);
    drawBookmarks(painter, area);
    drawCursor(painter, area);
    drawTimeAxis(painter, area);
}

void WaveformWidget::drawLanes(QPainter& painter, const QRectF& area) const {
    const int channels = std::max(1, m_peaks.channels);
    const double laneHeight = area.height() / channels;
    painter.setFont(QFont(painter.font().family(), 7));
    for (int c = 0; c < channels; ++c) {
        const double mid = area.top() + laneHeight * (c + 0.5);
        painter.setPen(QColor(0x3a, 0x40, 0x48));
        painter.drawLine(QPointF(area.left(), mid), QPointF(area.right(), mid));
        if (channels == 2) {
            painter.setPen(QColor(0x8a, 0x94, 0xa0));
            painter.drawText(QPointF(area.left() + 4, area.top() + laneHeight * c + 11),
                             c == 0 ? tr("User") : tr("Other party"));
        }
    }
}

void WaveformWidget::drawPeaks(QPainter& painter, const QRectF& area, const QColor& color, int toX) const {
    const int count = m_peaks.count();
    if (count == 0 || m_durationMs <= 0) {
        return;
    }
    const int channels = std::max(1, m_peaks.channels);
    const double laneHeight = area.height() / channels;
    const TimelineMapping map = mapping();
    const int width = std::min(map.widthPx(), toX);
    const double msPerPeak = 1000.0 * m_peaks.samplesPerPeak / m_peaks.sampleRate;
    painter.setPen(color);
    for (int x = 0; x < width; ++x) {
        // The peaks under this pixel column: min of the mins, max of the maxes.
        const int first = std::clamp(static_cast<int>(map.msAt(x) / msPerPeak), 0, count - 1);
        const int last = std::clamp(static_cast<int>(map.msAt(x + 1) / msPerPeak), first, count - 1);
        for (int c = 0; c < channels; ++c) {
            qint16 low = 0;
            qint16 high = 0;
            for (int p = first; p <= last; ++p) {
                low = std::min(low, m_peaks.minAt(p, c));
                high = std::max(high, m_peaks.maxAt(p, c));
            }
            const double mid = area.top() + laneHeight * (c + 0.5);
            const double scale = laneHeight / 2.0 / 32768.0;
            const double px = area.left() + x + 0.5;
            painter.drawLine(QPointF(px, mid - high * scale), QPointF(px, mid - low * scale));
        }
    }
}

void WaveformWidget::drawPlayed(QPainter& painter, const QRectF& area) const {
    const double x = mapping().xOf(m_positionMs);
    if (x <= 0) {
        return;
    }
    painter.fillRect(QRectF(area.left(), area.top(), x, area.height()), QColor(0xf0, 0xa0, 0x30, 28));
    drawPeaks(painter, area, kWavePlayed, static_cast<int>(x));
}

void WaveformWidget::drawSelection(QPainter& painter, const QRectF& area) const {
    if (m_selectionStart < 0 || m_selectionEnd <= m_selectionStart) {
        return;
    }
    const TimelineMapping map = mapping();
    const double left = area.left() + map.xOf(m_selectionStart);
    const double right = area.left() + map.xOf(m_selectionEnd);
    painter.fillRect(QRectF(left, area.top(), right - left, area.height()), kSelection);
}

void WaveformWidget::drawBookmarks(QPainter& painter, const QRectF& area) const {
    QColor band = kBookmark;
    band.setAlpha(40);
    painter.setFont(QFont(painter.font().family(), 7));
    for (int i = 0; i < m_bookmarks.size(); ++i) {
        const QRectF strip = bookmarkRect(i);
        painter.fillRect(QRectF(strip.left(), area.top(), strip.width(), area.height()), band);
        painter.fillRect(strip, kBookmark.darker(150));
        painter.setPen(kBookmark);
        painter.drawRect(strip.adjusted(0, 0, -1, -1));
        painter.setPen(Qt::white);
        painter.drawText(strip.adjusted(2, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         QString::number(i + 1));
    }
}

void WaveformWidget::drawCursor(QPainter& painter, const QRectF& area) const {
    const double x = area.left() + mapping().xOf(m_positionMs);
    painter.setPen(QPen(kCursor, 1.5));
    painter.drawLine(QPointF(x, area.top()), QPointF(x, timelineArea().bottom()));
}

void WaveformWidget::drawTimeAxis(QPainter& painter, const QRectF& area) const {
    if (m_durationMs <= 0) {
        return;
    }
    const TimelineMapping map = mapping();
    const double top = timelineArea().bottom() + 1;
    painter.setPen(QColor(0xb0, 0xb8, 0xc0));
    painter.setFont(QFont(painter.font().family(), 7));
    // About one label each 80 px, on a whole number of seconds.
    const qint64 steps[] = {1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000};
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 s : steps) {
        if (map.xOf(s) >= 80 || s >= m_durationMs) {
            step = s;
            break;
        }
    }
    const QFontMetricsF metrics(painter.font());
    for (qint64 t = 0; t <= m_durationMs; t += step) {
        const double x = area.left() + map.xOf(t);
        painter.drawLine(QPointF(x, top), QPointF(x, top + 3));
        const QString label = formatClock(t);
        // A label that would be cut at the right edge is left out.
        if (x + 2 + metrics.horizontalAdvance(label) <= area.right()) {
            painter.drawText(QPointF(x + 2, top + kAxisHeight - 3), label);
        }
    }
}

void WaveformWidget::mousePressEvent(QMouseEvent* event) {
    const qint64 ms = msAtWidgetX(event->position().x());
    if (event->button() == Qt::RightButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
        m_selecting = true;
        m_dragAnchor = ms;
        setSelection(ms, ms);
        return;
    }
    if (event->button() == Qt::LeftButton) {
        m_seeking = true;
        setPositionMs(ms);
        emit seekRequested(ms);
    }
}

void WaveformWidget::mouseMoveEvent(QMouseEvent* event) {
    const qint64 ms = msAtWidgetX(event->position().x());
    if (m_selecting) {
        setSelection(m_dragAnchor, ms);
    } else if (m_seeking) {
        setPositionMs(ms);
        emit seekRequested(ms);
    }
}

void WaveformWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (m_selecting) {
        setSelection(m_dragAnchor, msAtWidgetX(event->position().x()));
        if (m_selectionEnd - m_selectionStart < 100) {
            clearSelection();
        }
    }
    m_selecting = false;
    m_seeking = false;
}

}  // namespace callvault::client
