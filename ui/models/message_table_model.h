// MessageTableModel: the rows of the message page's current page, one per record (partition, offset,
// timestamp, key, value preview, headers, transaction). A COMMIT/ABORT marker is a marked row that names the
// marker (not its raw bytes); records of aborted transactions are struck out. It never holds more than the page it was given: paging replaces
// the page in one reset, so memory stays flat however large the topic is.
// Ownership: owns a copy of the page's rows. Thread safety: GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "app/bridge/message_types.h"

namespace partita::ui {

class MessageTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { PartitionColumn, OffsetColumn, TimestampColumn, KeyColumn, ValueColumn, HeadersColumn, TransactionColumn,
               ColumnCount };
  // Qt::UserRole on any column: the row index into rows() (survives a sort proxy).
  static constexpr int RowIndexRole = Qt::UserRole + 1;
  static constexpr int IsNullRole = Qt::UserRole + 2;  // true for a null key or value cell
  static constexpr int IsControlRole = Qt::UserRole + 3;  // true on every cell of a COMMIT/ABORT marker row

  explicit MessageTableModel(QObject* parent = nullptr);

  void setRows(const QList<app::MessageRow>& rows);
  const QList<app::MessageRow>& rows() const { return m_rows; }
  const app::MessageRow* rowAt(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 // "COMMIT marker · producer 7, epoch 0", "aborted · producer …", empty for a non-transactional record.
  static QString transactionText(const app::MessageRow& row);

 private:
  static QVariant transactionData(const app::MessageRow& row, int column, int role);
  QList<app::MessageRow> m_rows;
};

}  // namespace partita::ui
