// Columns sized to their contents from a sample of rows. Qt's ResizeToContents measures the visible rows plus
// resizeContentsPrecision() others (1,000 by default) at every layout: with 10,000 partitions, switching to the
// partitions table spent 85-127 ms measuring rows no one sees (issue 11, partita-ui-scale-bench). Rows of these
// tables share their shape (numbers, ids, replica chips), so a smaller sample gives the same widths.
// GUI thread only.
#pragma once

#include <QHeaderView>

namespace partita::ui {

inline constexpr int kColumnFitSampleRows = 200;

inline void fitColumnsToContents(QHeaderView* header) {
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setResizeContentsPrecision(kColumnFitSampleRows);
}

}  // namespace partita::ui
