// MessageTableModel: the rows of the message page's current page, one per record (partition, offset,
// timestamp, key, value preview, headers, transaction). A COMMIT/ABORT marker is a marked row that names the
// marker (not its raw bytes); records of aborted transactions are struck out. With a Schema Registry set, keys
// and values in Confluent's wire format are decoded on the registry's worker after each page and then previewed
// as one-line JSON. It never holds more than the page it was given: paging replaces
// the page in one reset, so memory stays flat however large the topic is.
// Ownership: owns a copy of the page's rows. Thread safety: GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "app/bridge/message_types.h"
#include "app/bridge/schema_registry.h"

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

  static constexpr int DecodedRole = Qt::UserRole + 3;  // Key/Value: a QString, the decoded JSON ("" if none)

  explicit MessageTableModel(QObject* parent = nullptr);

  // nullptr: no decoding. The registry must outlive the model or be reset to nullptr first.
  void setSchemaRegistry(app::SchemaRegistry* registry);
  // `topic`: the rows' topic, which chooses its local schema files (SchemaRegistry::setLocalSchemas).
  void setRows(const QList<app::MessageRow>& rows, const QString& topic = {});
  // The decoding of row `row` (NotFramed parts while it is not done yet).
  app::DecodedRow decodedAt(int row) const;
  bool isDecoding() const { return m_decodeTicket != 0; }
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

  void requestDecoding();

  QList<app::MessageRow> m_rows;
  QList<app::DecodedRow> m_decoded;  // same size as m_rows once decoded, else empty
  app::SchemaRegistry* m_registry = nullptr;
  QMetaObject::Connection m_registryLink, m_endpointLink, m_localLink;
  QString m_topic;
  quint64 m_decodeTicket = 0;

 signals:
  void decodingFinished();
};

}  // namespace partita::ui
