// KeyedTableModel<Row>: a table model over a list of snapshot rows, sorted by a unique key, that takes each
// new snapshot with the minimal row changes (removes, inserts, dataChanged) instead of a reset, so selection,
// current index and scroll position survive the monitor's periodic refreshes.
//
// Subclasses give the key (rowKey), the column count and data(); rows must arrive sorted by rowKey and keys
// must be unique (setRows sorts and keeps the first of duplicates, defensively). GUI thread only; the model
// owns a copy of its rows.
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <algorithm>

namespace partita::ui {

// The role proxies sort by: the raw value behind a formatted cell (numbers as qint64, unknown as -1).
inline constexpr int kSortRole = Qt::UserRole + 1;

template <class Row, class Key>
class KeyedTableModel : public QAbstractTableModel {
 public:
  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
  }
  int columnCount(const QModelIndex& parent = QModelIndex()) const override {
    return parent.isValid() ? 0 : columns();
  }

  const QList<Row>& rows() const { return m_rows; }
  const Row& rowAt(int row) const { return m_rows.at(row); }

  void setRows(QList<Row> fresh) {
    const auto less = [this](const Row& a, const Row& b) { return rowKey(a) < rowKey(b); };
    std::stable_sort(fresh.begin(), fresh.end(), less);
    fresh.erase(std::unique(fresh.begin(), fresh.end(),
                            [this](const Row& a, const Row& b) { return rowKey(a) == rowKey(b); }),
                fresh.end());
    qsizetype i = 0, j = 0;
    while (i < m_rows.size() || j < fresh.size()) {
      if (j == fresh.size() || (i < m_rows.size() && less(m_rows[i], fresh[j]))) {
        // A run of rows that are gone.
        qsizetype end = i + 1;
        while (end < m_rows.size() && (j == fresh.size() || less(m_rows[end], fresh[j]))) ++end;
        beginRemoveRows(QModelIndex(), static_cast<int>(i), static_cast<int>(end - 1));
        m_rows.remove(i, end - i);
        endRemoveRows();
      } else if (i == m_rows.size() || less(fresh[j], m_rows[i])) {
        // A run of new rows.
        qsizetype end = j + 1;
        while (end < fresh.size() && (i == m_rows.size() || less(fresh[end], m_rows[i]))) ++end;
        beginInsertRows(QModelIndex(), static_cast<int>(i), static_cast<int>(i + (end - j) - 1));
        for (qsizetype k = j; k < end; ++k) m_rows.insert(i + (k - j), fresh[k]);
        endInsertRows();
        i += end - j;
        j = end;
      } else {
        if (!(m_rows[i] == fresh[j])) {
          m_rows[i] = fresh[j];
          emit dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), columns() - 1));
        }
        ++i;
        ++j;
      }
    }
  }

  void clear() { setRows({}); }

 protected:
  virtual Key rowKey(const Row& row) const = 0;
  virtual int columns() const = 0;

 private:
  QList<Row> m_rows;
};

}  // namespace partita::ui
