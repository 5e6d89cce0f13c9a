// SnapshotTableModel: the base of the table models over ClusterSnapshots. replaceData() swaps in new data with
// one dataChanged over every cell when the rows stay the same (views keep selection and scroll position) and one
// reset otherwise — never a row-by-row storm. GUI thread only.
#pragma once

#include <QAbstractTableModel>

namespace partita::ui {

class SnapshotTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  using QAbstractTableModel::QAbstractTableModel;

 protected:
  // `swap` installs the new data; `sameRows` says whether row i still shows the same item.
  template <class Swap>
  void replaceData(bool sameRows, Swap&& swap) {
    if (!sameRows) {
      beginResetModel();
      swap();
      endResetModel();
      return;
    }
    swap();
    if (rowCount() > 0 && columnCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
  }

  // Whether two lists hold the same keys in the same order.
  template <class List, class Key>
  static bool sameKeys(const List& a, const List& b, Key key) {
    if (a.size() != b.size()) return false;
    for (qsizetype i = 0; i < a.size(); ++i)
      if (key(a[i]) != key(b[i])) return false;
    return true;
  }
};

}  // namespace partita::ui
