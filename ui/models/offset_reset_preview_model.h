// OffsetResetPreviewModel: the target offsets of a consumer-group offset reset, before it runs: one row per
// partition (topic, partition, current offset, new offset, change, log start, log end). Resets in one step per
// preview (a preview is computed once and replaced whole). GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include "app/bridge/group_snapshot.h"

namespace partita::ui {

class OffsetResetPreviewModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    TopicColumn, PartitionColumn, CurrentColumn, TargetColumn, ChangeColumn, LogStartColumn, LogEndColumn,
    ColumnCount
  };

  explicit OffsetResetPreviewModel(QObject* parent = nullptr);

  void setPreview(const app::OffsetResetPreview& preview);
  void clear() { setPreview({}); }
  const app::OffsetResetPreview& preview() const { return m_preview; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  app::OffsetResetPreview m_preview;
};

}  // namespace partita::ui
