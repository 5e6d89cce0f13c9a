// LagPlotWidget: a consumer group's lag over time (QCustomPlot): the total as a bold line and one thin line
// per partition, time on a date-time axis. Range presets (5 min, 1 h, 24 h, all) follow the newest sample;
// dragging pans and the wheel zooms the time axis, which stops following until a preset is picked again. The
// value axis fits the data in view. Gaps (the app was not running) are drawn as gaps. Colours come from the
// widget's palette, so the plot reads in light and dark themes and follows a theme switch.
//
// Ownership: a plain child widget that owns its QCustomPlot. GUI thread only.
#pragma once

#include <QWidget>

#include "app/bridge/group_snapshot.h"

class QCustomPlot;
class QLabel;
class QCPItemText;
class QToolButton;

namespace partita::ui {

class LagPlotWidget : public QWidget {
  Q_OBJECT

 public:
  enum class Range { FiveMinutes, OneHour, OneDay, All };

  explicit LagPlotWidget(QWidget* parent = nullptr);

  // Replaces the plotted data; keeps the user's zoom when they have panned or zoomed. The first history after
  // clear() picks the smallest preset that shows all of it (unless the user picked one since).
  void setHistory(const app::LagHistory& history);
  void clear();
  // Picks a preset and follows the newest sample again.
  void setRange(Range range);
  Range range() const { return m_range; }
  bool isFollowingLatest() const { return m_follow; }

  QCustomPlot* plot() const { return m_plot; }
  // Number of plotted lines (total + partitions).
  int lineCount() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void applyPalette();
  void applyRange();
  void fitValueAxis();
  void userMovedView();

  QLabel* m_title;
  QCustomPlot* m_plot;
  QCPItemText* m_emptyText;
  QList<QToolButton*> m_rangeButtons;  // in Range order
  Range m_range = Range::OneHour;
  bool m_follow = true;
  bool m_autoRange = true;  // no preset chosen for the current data yet
  double m_firstKey = 0, m_lastKey = 0;  // seconds since the epoch; equal when there is no data
};

}  // namespace partita::ui
