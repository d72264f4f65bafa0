// The waveform's time↔pixel mapping, bookmark ranges, seeking and range selection, and the peaks format.
#include "client/models/bookmark_table_model.h"
#include "client/models/recording_row.h"
#include "client/models/timeline_mapping.h"
#include "client/models/waveform_peaks.h"
#include "client/widgets/waveform_widget.h"

#include <QSignalSpy>
#include <QtTest>

using namespace callvault;
using namespace callvault::client;

namespace {

WaveformPeaks ramp(int count) {
    WaveformPeaks peaks;
    peaks.channels = 2;
    for (int i = 0; i < count; ++i) {
        const auto v = static_cast<qint16>(i * 100 % 30000);
        peaks.values << static_cast<qint16>(-v) << v << static_cast<qint16>(-v / 2)
                     << static_cast<qint16>(v / 2);
    }
    return peaks;
}

Bookmark bookmark(qint64 id, qint64 start, qint64 end, const char* text) {
    Bookmark b;
    b.id = id;
    b.startMs = start;
    b.endMs = end;
    b.text = text;
    return b;
}

}  // namespace

class TestWaveform : public QObject {
    Q_OBJECT

private slots:
    void mappingIsLinearAndClamped() {
        const TimelineMapping map(60000, 600);
        QCOMPARE(map.xOf(0), 0.0);
        QCOMPARE(map.xOf(30000), 300.0);
        QCOMPARE(map.xOf(60000), 600.0);
        QCOMPARE(map.xOf(-5), 0.0);
        QCOMPARE(map.xOf(90000), 600.0);
        QCOMPARE(map.msAt(150), 15000);
        QCOMPARE(map.msAt(-3), 0);
        QCOMPARE(map.msAt(601), 60000);
        for (qint64 ms = 0; ms <= 60000; ms += 700) {
            QVERIFY(std::abs(map.msAt(map.xOf(ms)) - ms) <= 1);
        }
        QCOMPARE(TimelineMapping(0, 600).msAt(100), 0);
        QCOMPARE(TimelineMapping(1000, 0).xOf(500), 0.0);
    }

    void peaksRoundTripAndRejectGarbage() {
        WaveformPeaks peaks = ramp(250);
        const QByteArray bytes = peaks.encode();
        QCOMPARE(bytes.size(), 20 + 250 * 2 * 4);
        const auto back = WaveformPeaks::decode(bytes);
        QVERIFY(back);
        QCOMPARE(back->values, peaks.values);
        QCOMPARE(back->count(), 250);
        QCOMPARE(back->durationMs(), 2500);
        QCOMPARE(back->maxAt(3, 0), 300);
        QCOMPARE(back->minAt(3, 1), -150);
        QString error;
        QVERIFY(!WaveformPeaks::decode(QByteArray("CVPK"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!WaveformPeaks::decode(bytes.left(100)));  // count says 250
        QByteArray bad = bytes;
        bad[0] = 'X';
        QVERIFY(!WaveformPeaks::decode(bad));
        // A file still being written (count unknown) shows what is there.
        QByteArray growing = bytes;
        growing[16] = growing[17] = growing[18] = growing[19] = char(0xFF);
        QCOMPARE(WaveformPeaks::decode(growing.left(20 + 10 * 8))->count(), 10);
    }

    void bookmarksAreDrawnAsRangesOnTheTimeline() {
        WaveformWidget widget;
        widget.resize(608, 160);      // 4 px margins: a 600 px timeline
        widget.setPeaks(ramp(6000));  // 60 s
        QCOMPARE(widget.durationMs(), 60000);
        QCOMPARE(widget.mapping().widthPx(), 600);
        widget.setBookmarks({bookmark(1, 6000, 12000, "a"), bookmark(2, 30000, 60000, "b")});
        QCOMPARE(widget.bookmarkCount(), 2);
        const QRectF first = widget.bookmarkRect(0);
        QCOMPARE(first.left(), 4.0 + 60.0);
        QCOMPARE(first.width(), 60.0);
        const QRectF second = widget.bookmarkRect(1);
        QCOMPARE(second.left(), 4.0 + 300.0);
        QCOMPARE(second.right(), 4.0 + 600.0);
        QVERIFY(first.top() > 100);  // on the strip under the waveform
        QVERIFY(widget.bookmarkRect(2).isNull());
        // A zero-length range still shows.
        widget.setBookmarks({bookmark(3, 1000, 1000, "")});
        QVERIFY(widget.bookmarkRect(0).width() >= 2.0);
    }

    void clickAndDragSeek() {
        WaveformWidget widget;
        widget.resize(608, 160);
        widget.setDurationMs(60000);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy seeks(&widget, &WaveformWidget::seekRequested);
        QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(4 + 150, 40));
        QCOMPARE(seeks.count(), 1);
        QCOMPARE(seeks.last().at(0).toLongLong(), 15000);
        QCOMPARE(widget.positionMs(), 15000);
        QTest::mousePress(&widget, Qt::LeftButton, {}, QPoint(4 + 100, 40));
        QMouseEvent move(QEvent::MouseMove, QPointF(4 + 450, 40), widget.mapToGlobal(QPointF(4 + 450, 40)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&widget, &move);
        QTest::mouseRelease(&widget, Qt::LeftButton, {}, QPoint(4 + 450, 40));
        QCOMPARE(seeks.last().at(0).toLongLong(), 45000);
        QCOMPARE(widget.selection().first, -1);
    }

    void shiftDragSelectsARange() {
        WaveformWidget widget;
        widget.resize(608, 160);
        widget.setDurationMs(60000);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy seeks(&widget, &WaveformWidget::seekRequested);
        QTest::mousePress(&widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(4 + 400, 40));
        QMouseEvent move(QEvent::MouseMove, QPointF(4 + 200, 40), widget.mapToGlobal(QPointF(4 + 200, 40)),
                         Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(&widget, &move);
        QTest::mouseRelease(&widget, Qt::LeftButton, Qt::ShiftModifier, QPoint(4 + 200, 40));
        QCOMPARE(widget.selection().first, 20000);
        QCOMPARE(widget.selection().second, 40000);
        QCOMPARE(seeks.count(), 0);
        // A click-sized selection is dropped.
        QTest::mouseClick(&widget, Qt::RightButton, {}, QPoint(4 + 10, 40));
        QCOMPARE(widget.selection().first, -1);
    }

    void bookmarkTableShowsNumberRangeAndMark() {
        BookmarkTableModel model;
        model.setBookmarks({bookmark(7, 65000, 72000, "second"), bookmark(3, 0, 7000, "first")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, BookmarkTableModel::Number).data().toInt(), 1);
        QCOMPARE(model.index(0, BookmarkTableModel::TimeRange).data().toString(),
                 QStringLiteral("00:00 – 00:07"));
        QCOMPARE(model.index(1, BookmarkTableModel::TimeRange).data().toString(),
                 QStringLiteral("01:05 – 01:12"));
        QCOMPARE(model.index(1, BookmarkTableModel::Mark).data().toString(), QStringLiteral("second"));
        model.removeId(3);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.at(0)->id, 7);
        QCOMPARE(formatDuration(3723000), QStringLiteral("01:02:03"));
        QCOMPARE(formatClock(3723000), QStringLiteral("01:02:03"));
    }
};

QTEST_MAIN(TestWaveform)
#include "tst_waveform.moc"
