// DeleteRecordsDialog: Kafka's DeleteRecords (kafka-delete-records.sh) for partitions of one topic. One row per
// partition with its log start offset and high watermark; "Delete before" is the new log start (default: the
// high watermark, i.e. purge everything readable). Rows whose offset is the current log start change nothing.
// Accepting needs the "cannot be undone" box ticked. After accept(), deletions() gives the request.
// GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/cluster_connection.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace partita::ui {

class DeleteRecordsDialog : public QDialog {
  Q_OBJECT

 public:
  // partitions: the ones offered (all of the topic when empty).
  DeleteRecordsDialog(const app::TopicState& topic, const QList<int>& partitions, QWidget* parent = nullptr);

  QList<app::RecordsDeletion> deletions() const;  // the partitions whose log start moves
  void setOffset(int partition, qint64 offset);
  void setConfirmed(bool confirmed);
  qint64 recordCount() const;   // records the deletions remove
  QString validationError() const;  // empty when the dialog can be accepted

 private:
  enum Column { kPartition, kLogStart, kHighWatermark, kDeleteBefore, kColumnCount };
  struct Row {
    int partition;
    qint64 logStart;
    qint64 highWatermark;
  };
  qint64 offsetAt(int row, bool* ok) const;
  void updateState();

  const QString m_topic;
  QList<Row> m_rows;
  QTableWidget* m_table;
  QLabel* m_summary;
  QCheckBox* m_confirm;
  QPushButton* m_ok;
};

}  // namespace partita::ui
