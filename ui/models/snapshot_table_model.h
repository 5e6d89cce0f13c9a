// SnapshotTableModel: the base of the table models over ClusterSnapshots. replaceData() swaps in new data with
// one dataChanged over every cell when the rows stay the same (views keep selection and scroll position) and one
// reset otherwise — never a row-by-row storm. GUI thread only.
// Staleness: while the cluster does not answer, the last snapshot stays on screen but every cell is greyed and
// says when it was last seen (setStaleSince), so a dead cluster never looks healthy.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>

namespace partita::ui {

// True on every cell of a model showing a snapshot the cluster no longer confirms (delegates grey out).
inline constexpr int kStaleRole = Qt::UserRole + 90;

class SnapshotTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  using QAbstractTableModel::QAbstractTableModel;

  // lastSeen valid: the data is stale, last confirmed by the cluster then; invalid: fresh again.
  void setStaleSince(const QDateTime& lastSeen);
  bool isStale() const { return m_staleSince.isValid(); }
  QDateTime staleSince() const { return m_staleSince; }

 protected:
  // What every cell answers for `role` while stale (grey text, a "last seen" tooltip, kStaleRole); an invalid
  // QVariant when fresh or for other roles. Models call it first in data().
  QVariant staleData(int role) const;
  // "hh:mm:ss" of the last confirmed snapshot, in local time.
  QString lastSeenText() const;

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

 private:
  QDateTime m_staleSince;
};

}  // namespace partita::ui
