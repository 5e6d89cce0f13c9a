#include "ui/dialogs/delete_records_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace partita::ui {

DeleteRecordsDialog::DeleteRecordsDialog(const app::TopicState& topic, const QList<int>& partitions, QWidget* parent)
    : QDialog(parent),
      m_topic(topic.name),
      m_table(new QTableWidget(this)),
      m_summary(new QLabel(this)),
      m_confirm(new QCheckBox(this)) {
  setObjectName(QStringLiteral("deleteRecordsDialog"));
  setWindowTitle(tr("Delete Records of %1").arg(topic.name));
  for (const app::PartitionState& p : topic.partitions)
    if ((partitions.isEmpty() || partitions.contains(p.partition)) && !p.isOffline())
      m_rows.append({p.partition, p.logStartOffset, p.highWatermark});

  auto* intro = new QLabel(tr("Records before the chosen offset are deleted on every replica (Kafka's "
                              "DeleteRecords): the partition's log start moves up to it. Consumers that had not "
                              "read them yet skip them."),
                           this);
  intro->setWordWrap(true);
  m_table->setObjectName(QStringLiteral("deleteRecordsTable"));
  m_table->setColumnCount(kColumnCount);
  m_table->setRowCount(int(m_rows.size()));
  m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Log start"), tr("High watermark"), tr("Delete before")});
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  for (int r = 0; r < m_rows.size(); ++r) {
    const Row& row = m_rows[r];
    const QList<qint64> values = {row.partition, row.logStart, row.highWatermark, row.highWatermark};
    for (int c = 0; c < kColumnCount; ++c) {
      auto* item = new QTableWidgetItem(QString::number(values[c]));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (c != kDeleteBefore) item->setFlags(item->flags() & ~Qt::ItemIsEditable);
      m_table->setItem(r, c, item);
    }
  }
  m_summary->setObjectName(QStringLiteral("deleteRecordsSummary"));
  m_summary->setWordWrap(true);
  m_confirm->setObjectName(QStringLiteral("deleteRecordsConfirm"));
  m_confirm->setText(tr("I understand that deleted records cannot be restored"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  m_ok = buttons->addButton(tr("&Delete Records"), QDialogButtonBox::DestructiveRole);
  m_ok->setObjectName(QStringLiteral("deleteRecordsButton"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_summary);
  layout->addWidget(m_confirm);
  layout->addWidget(buttons);
  connect(m_ok, &QPushButton::clicked, this, [this] {
    if (validationError().isEmpty()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_table, &QTableWidget::itemChanged, this, &DeleteRecordsDialog::updateState);
  connect(m_confirm, &QCheckBox::toggled, this, &DeleteRecordsDialog::updateState);
  resize(560, 420);
  updateState();
}

qint64 DeleteRecordsDialog::offsetAt(int row, bool* ok) const {
  const QTableWidgetItem* item = m_table->item(row, kDeleteBefore);
  return item != nullptr ? item->text().trimmed().toLongLong(ok) : (*ok = false, 0);
}

void DeleteRecordsDialog::setOffset(int partition, qint64 offset) {
  for (int r = 0; r < m_rows.size(); ++r)
    if (m_rows[r].partition == partition) m_table->item(r, kDeleteBefore)->setText(QString::number(offset));
}

void DeleteRecordsDialog::setConfirmed(bool confirmed) { m_confirm->setChecked(confirmed); }

QList<app::RecordsDeletion> DeleteRecordsDialog::deletions() const {
  QList<app::RecordsDeletion> out;
  for (int r = 0; r < m_rows.size(); ++r) {
    bool ok = false;
    const qint64 offset = offsetAt(r, &ok);
    if (ok && offset > m_rows[r].logStart) out.append({m_topic, m_rows[r].partition, offset});
  }
  return out;
}

qint64 DeleteRecordsDialog::recordCount() const {
  qint64 n = 0;
  for (int r = 0; r < m_rows.size(); ++r) {
    bool ok = false;
    const qint64 offset = offsetAt(r, &ok);
    if (ok && offset > m_rows[r].logStart) n += offset - m_rows[r].logStart;
  }
  return n;
}

QString DeleteRecordsDialog::validationError() const {
  if (m_rows.isEmpty()) return tr("No partition with a leader to delete from.");
  for (int r = 0; r < m_rows.size(); ++r) {
    bool ok = false;
    const qint64 offset = offsetAt(r, &ok);
    // Kafka refuses an offset above the high watermark (OFFSET_OUT_OF_RANGE); below the log start nothing moves.
    if (!ok || offset < m_rows[r].logStart || offset > m_rows[r].highWatermark)
      return tr("Partition %1: the offset must lie between %2 and %3.")
          .arg(m_rows[r].partition)
          .arg(m_rows[r].logStart)
          .arg(m_rows[r].highWatermark);
  }
  if (deletions().isEmpty()) return tr("Nothing to delete: every offset is its partition's log start.");
  if (!m_confirm->isChecked()) return tr("Tick the box to confirm.");
  return {};
}

void DeleteRecordsDialog::updateState() {
  const QString error = validationError();
  const int partitions = int(deletions().size());
  const QString what = tr("%n record(s)", nullptr, int(std::min<qint64>(recordCount(), INT_MAX)));
  m_summary->setText(error.isEmpty() || error == tr("Tick the box to confirm.")
                         ? tr("Deletes %1 from %n partition(s).", nullptr, partitions).arg(what)
                         : error);
  m_ok->setEnabled(error.isEmpty());
}

}  // namespace partita::ui
