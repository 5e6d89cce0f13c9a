#include "ui/models/message_table_model.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include "ui/widgets/message_format.h"

namespace partita::ui {

MessageTableModel::MessageTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessageTableModel::setSchemaRegistry(app::SchemaRegistry* registry) {
  if (registry == m_registry) return;
  disconnect(m_registryLink);
  disconnect(m_endpointLink);
  disconnect(m_localLink);
  m_registry = registry;
  if (m_registry != nullptr) {
    m_registryLink = connect(m_registry, &app::SchemaRegistry::decoded, this,
                             [this](quint64 ticket, const QList<app::DecodedRow>& decoded) {
                               if (ticket != m_decodeTicket || decoded.size() != m_rows.size()) return;
                               m_decodeTicket = 0;
                               m_decoded = decoded;
                               if (!m_rows.isEmpty()) emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, ValueColumn));
                               emit decodingFinished();
                             });
    m_endpointLink = connect(m_registry, &app::SchemaRegistry::endpointChanged, this, &MessageTableModel::requestDecoding);
    m_localLink = connect(m_registry, &app::SchemaRegistry::localSchemasChanged, this, [this] {
      if (!m_decoded.isEmpty()) {  // a file unbound must not leave its decoding on screen
        m_decoded.clear();
        emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, ValueColumn));
      }
      requestDecoding();
    });
  }
  if (!m_decoded.isEmpty()) {  // shown raw again until the new decoding arrives
    m_decoded.clear();
    emit dataChanged(index(0, KeyColumn), index(rowCount() - 1, ValueColumn));
  }
  requestDecoding();
}

void MessageTableModel::setRows(const QList<app::MessageRow>& rows, const QString& topic) {
  beginResetModel();
  m_rows = rows;
  m_topic = topic;
  m_decoded.clear();
  endResetModel();
  requestDecoding();
}

void MessageTableModel::requestDecoding() {
  m_decodeTicket = 0;
  if (m_registry == nullptr || !m_registry->canDecode(m_topic) || m_rows.isEmpty()) return;
  m_decodeTicket = m_registry->decode(m_topic, m_rows);
}

app::DecodedRow MessageTableModel::decodedAt(int row) const {
  return row >= 0 && row < m_decoded.size() ? m_decoded[row] : app::DecodedRow();
}

const app::MessageRow* MessageTableModel::rowAt(int row) const {
  return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int MessageTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MessageTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MessageTableModel::data(const QModelIndex& index, int role) const {
  const app::MessageRow* row = index.isValid() ? rowAt(index.row()) : nullptr;
  if (row == nullptr || index.column() < 0 || index.column() >= ColumnCount) return {};
  if (role == RowIndexRole) return index.row();
  if (role == IsControlRole) return row->isControl();
  if (const QVariant txn = transactionData(*row, index.column(), role); txn.isValid()) return txn;
  if (role == Qt::TextAlignmentRole) {
    return index.column() <= OffsetColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
  }
  const app::DecodedPayload* decoded = nullptr;
  if (index.row() < m_decoded.size() && (index.column() == KeyColumn || index.column() == ValueColumn)) {
    decoded = index.column() == KeyColumn ? &m_decoded[index.row()].key : &m_decoded[index.row()].value;
    if (decoded->kind != app::DecodedPayload::Kind::Decoded) decoded = nullptr;
  }
  if (role == DecodedRole) return decoded != nullptr ? decoded->json : QString();
  if (decoded != nullptr && role == Qt::ToolTipRole) return app::SchemaRegistry::describe(*decoded) + QLatin1Char('\n') + decoded->json.left(4000);
  if (decoded != nullptr && (role == Qt::DisplayRole || role == Qt::EditRole)) {
    const int maxChars = index.column() == KeyColumn ? 120 : 200;
    return decoded->compact.size() > maxChars ? decoded->compact.left(maxChars) + QStringLiteral("…") : decoded->compact;
  }
  if (role == Qt::ToolTipRole && index.column() == ValueColumn) return bytesPreview(row->value, row->valueIsNull, 2000);
  // A null key or value is drawn in grey italics, so it cannot be mistaken for a string that reads "(null)".
  const bool isNull = (index.column() == KeyColumn && row->keyIsNull) || (index.column() == ValueColumn && row->valueIsNull);
  if (role == IsNullRole) return isNull;
  if (role == Qt::FontRole && isNull) {
    QFont font;
    font.setItalic(true);
    return font;
  }
  if (role == Qt::ForegroundRole && isNull) return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case PartitionColumn: return row->partition;
    case OffsetColumn: return row->offset;
    case TimestampColumn: return formatTimestamp(row->timestamp);
    case KeyColumn: return bytesPreview(row->key, row->keyIsNull, 120);
    case ValueColumn: return bytesPreview(row->value, row->valueIsNull, 200);
    case HeadersColumn: return headersPreview(row->headers);
    case TransactionColumn: return transactionText(*row);
  }
  return {};
}

QString MessageTableModel::transactionText(const app::MessageRow& row) {
  if (!row.transactional) return {};
  const QString producer = tr("producer %1, epoch %2").arg(row.producerId).arg(row.producerEpoch);
  if (row.control == app::MessageRow::Control::Commit) return tr("COMMIT marker · %1").arg(producer);
  if (row.control == app::MessageRow::Control::Abort) return tr("ABORT marker · %1").arg(producer);
  switch (row.outcome) {
    case app::MessageRow::Outcome::Committed: return tr("committed · %1").arg(producer);
    case app::MessageRow::Outcome::Aborted: return tr("aborted · %1").arg(producer);
    case app::MessageRow::Outcome::Unknown: break;
  }
  return tr("transactional · %1").arg(producer);
}

// Marker rows name the marker in the key and value columns and are tinted; aborted records are struck out.
QVariant MessageTableModel::transactionData(const app::MessageRow& row, int column, int role) {
  const bool aborted = row.outcome == app::MessageRow::Outcome::Aborted;
  if (row.isControl()) {
    const bool commit = row.control == app::MessageRow::Control::Commit;
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
      if (column == KeyColumn) return commit ? tr("COMMIT marker") : tr("ABORT marker");
      if (column == ValueColumn) return tr("(control record: ends producer %1's transaction)").arg(row.producerId);
    }
    if (role == Qt::ToolTipRole && (column == KeyColumn || column == ValueColumn))
      return tr("A control record written by the transaction coordinator (WriteTxnMarkers). Consumers never "
                "receive it; it only takes an offset.");
    if (role == Qt::BackgroundRole) return commit ? QColor(46, 160, 67, 40) : QColor(218, 54, 51, 40);
    if (role == Qt::FontRole) {
      QFont font;
      font.setItalic(true);
      return font;
    }
  } else if (aborted) {
    if (role == Qt::FontRole) {
      QFont font;
      font.setStrikeOut(true);
      return font;
    }
    if (role == Qt::ForegroundRole) return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role == Qt::ToolTipRole && column == TransactionColumn)
      return tr("This record belongs to an aborted transaction: read_committed consumers never see it.");
  }
  return {};
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case PartitionColumn: return tr("Partition");
    case OffsetColumn: return tr("Offset");
    case TimestampColumn: return tr("Timestamp");
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case HeadersColumn: return tr("Headers");
    case TransactionColumn: return tr("Transaction");
  }
  return {};
}

}  // namespace partita::ui
