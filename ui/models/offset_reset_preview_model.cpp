#include "ui/models/offset_reset_preview_model.h"

#include <QLocale>

#include "ui/models/group_format.h"
#include "ui/models/keyed_table_model.h"

namespace partita::ui {

OffsetResetPreviewModel::OffsetResetPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void OffsetResetPreviewModel::setPreview(const app::OffsetResetPreview& preview) {
  beginResetModel();
  m_preview = preview;
  endResetModel();
}

int OffsetResetPreviewModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_preview.rows.size());
}

int OffsetResetPreviewModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OffsetResetPreviewModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::OffsetResetPreviewRow& row = m_preview.rows.at(index.row());
  const bool known = row.current >= 0;
  if (role == Qt::DisplayRole || role == kSortRole) {
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
      case TopicColumn: return row.tp.topic;
      case PartitionColumn: return row.tp.partition;
      case CurrentColumn: return display ? QVariant(formatCount(row.current)) : QVariant(row.current);
      case TargetColumn: return display ? QVariant(formatCount(row.target)) : QVariant(row.target);
      case ChangeColumn: {
        if (!display) return known ? row.target - row.current : 0;
        if (!known) return tr("new");
        const qint64 change = row.target - row.current;
        return change > 0 ? QStringLiteral("+") + QLocale().toString(change) : QLocale().toString(change);
      }
      case LogStartColumn: return display ? QVariant(formatCount(row.logStart)) : QVariant(row.logStart);
      case LogEndColumn: return display ? QVariant(formatCount(row.logEnd)) : QVariant(row.logEnd);
    }
  } else if (role == Qt::TextAlignmentRole && index.column() != TopicColumn) {
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  }
  return {};
}

QVariant OffsetResetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Partition");
    case CurrentColumn: return tr("Current offset");
    case TargetColumn: return tr("New offset");
    case ChangeColumn: return tr("Change");
    case LogStartColumn: return tr("Log start");
    case LogEndColumn: return tr("Log end");
  }
  return {};
}

}  // namespace partita::ui
