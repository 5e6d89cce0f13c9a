#include "ui/dialogs/reassign_dialog.h"

#include <QCursor>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace partita::ui {
namespace {

QString idText(const QList<int>& ids) {
  QStringList parts;
  for (int id : ids) parts << QString::number(id);
  return parts.join(QLatin1Char(','));
}

QList<int> liveBrokers(const app::ClusterSnapshot& s) {
  QList<int> ids;
  for (const auto& b : s.brokers)
    if (b.alive) ids << b.id;
  return ids;
}

}  // namespace

ReassignDialog::ReassignDialog(const app::SnapshotPtr& snapshot, const QString& topic, const QList<int>& partitions,
                               QWidget* parent)
    : QDialog(parent),
      m_snapshot(snapshot),
      m_topic(topic),
      m_partitions(partitions),
      m_table(new QTableWidget(this)),
      m_json(new QPlainTextEdit(this)),
      m_error(new QLabel(this)),
      m_total(new QProgressBar(this)),
      m_execute(new QPushButton(tr("&Execute"), this)),
      m_throttle(new QSpinBox(this)),
      m_cancel(new QPushButton(tr("&Cancel Reassignment"), this)) {
  qRegisterMetaType<QList<app::PlannedReassignment>>();
  qRegisterMetaType<QList<app::PartitionRef>>();
  setObjectName(QStringLiteral("reassignDialog"));
  setWindowTitle(tr("Reassign Partitions of %1").arg(topic));
  const app::TopicState* t = snapshot ? snapshot->findTopic(topic) : nullptr;
  if (m_partitions.isEmpty() && t != nullptr)
    for (const auto& p : t->partitions) m_partitions << p.partition;

  m_table->setObjectName(QStringLiteral("planTable"));
  m_table->setColumnCount(kColumnCount);
  m_table->setHorizontalHeaderLabels({tr("Partition"), tr("Current replicas"), tr("Target replicas"), tr("Progress")});
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(kTarget, QHeaderView::Stretch);
  m_table->setRowCount(int(m_partitions.size()));
  for (int row = 0; row < m_partitions.size(); ++row) {
    const int partition = m_partitions[row];
    QList<int> current;
    if (t != nullptr)
      for (const auto& p : t->partitions)
        if (p.partition == partition) current = p.replicas;
    auto* id = new QTableWidgetItem(QString::number(partition));
    id->setFlags(id->flags() & ~Qt::ItemIsEditable);
    auto* cur = new QTableWidgetItem(idText(current));
    cur->setFlags(cur->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, kPartition, id);
    m_table->setItem(row, kCurrent, cur);
    m_table->setItem(row, kTarget, new QTableWidgetItem(idText(current)));
    auto* bar = new QProgressBar(m_table);
    bar->setRange(0, 100);
    bar->setValue(0);
    m_table->setCellWidget(row, kProgress, bar);
  }
  m_table->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_table, &QTableWidget::customContextMenuRequested, this,
          [this](const QPoint& pos) { pickBrokers(m_table->rowAt(pos.y())); });

  m_json->setObjectName(QStringLiteral("planJson"));
  m_json->setReadOnly(true);
  m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_error->setObjectName(QStringLiteral("planError"));
  m_error->setWordWrap(true);
  m_total->setObjectName(QStringLiteral("totalProgress"));
  m_total->setRange(0, 100);
  m_total->setValue(0);
  m_total->setFormat(tr("Total %p%"));

  auto* generate = new QPushButton(tr("&Generate Balanced Plan"), this);
  generate->setObjectName(QStringLiteral("generateButton"));
  auto* pick = new QPushButton(tr("&Pick Brokers…"), this);
  pick->setToolTip(tr("Choose the target brokers of the selected partition (or right-click a row)."));
  m_execute->setObjectName(QStringLiteral("executeButton"));
  m_cancel->setObjectName(QStringLiteral("cancelReassignmentButton"));
  m_cancel->setEnabled(false);
  // KIP-73 replication quotas: the copy of existing data to new replicas is limited to this rate, so a move does
  // not starve producers and consumers; taken off again once the move is done.
  m_throttle->setObjectName(QStringLiteral("throttleSpin"));
  m_throttle->setRange(0, 100000);
  m_throttle->setSuffix(tr(" MiB/s"));
  m_throttle->setSpecialValueText(tr("no throttle"));
  m_throttle->setToolTip(tr("Replication throttle while data is copied (Kafka's leader/follower.replication.throttled.rate); "
                            "removed when the reassignment completes"));
  auto* throttleLabel = new QLabel(tr("&Throttle:"), this);
  throttleLabel->setBuddy(m_throttle);
  auto* tools = new QHBoxLayout;
  tools->addWidget(generate);
  tools->addWidget(pick);
  tools->addStretch();
  tools->addWidget(throttleLabel);
  tools->addWidget(m_throttle);
  tools->addWidget(m_execute);
  tools->addWidget(m_cancel);

  auto* intro = new QLabel(tr("Edit the target replicas (broker ids, the first one is the preferred leader), then "
                              "execute. Data is copied to new replicas before old ones are removed."),
                           this);
  intro->setWordWrap(true);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_table);
  split->addWidget(m_json);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(tools);
  layout->addWidget(split, 1);
  layout->addWidget(m_error);
  layout->addWidget(m_total);
  layout->addWidget(close);

  connect(generate, &QPushButton::clicked, this, &ReassignDialog::generateBalancedPlan);
  connect(pick, &QPushButton::clicked, this, [this] { pickBrokers(m_table->currentRow()); });
  connect(m_table, &QTableWidget::itemChanged, this, [this] { updatePlanView(); });
  connect(m_execute, &QPushButton::clicked, this, [this] {
    if (!planError().isEmpty()) return;
    m_executed = plan();
    m_cancel->setEnabled(true);
    emit executeRequested(m_executed, throttleBytesPerSec());
    setSnapshot(m_snapshot);
  });
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    QList<app::PartitionRef> refs;
    for (const auto& r : m_executed) refs.append({r.topic, r.partition});
    emit cancelRequested(refs);
  });
  connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(720, 560);
  updatePlanView();
}

QList<int> ReassignDialog::parseTarget(int row, bool* ok) const {
  QList<int> ids;
  *ok = true;
  for (const QString& part : m_table->item(row, kTarget)->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool good = false;
    const int id = part.trimmed().toInt(&good);
    if (!good) *ok = false;
    ids << id;
  }
  return ids;
}

QList<app::PlannedReassignment> ReassignDialog::plan() const {
  QList<app::PlannedReassignment> result;
  for (int row = 0; row < m_table->rowCount(); ++row) {
    bool ok = false;
    const QList<int> target = parseTarget(row, &ok);
    if (!ok || idText(target) == m_table->item(row, kCurrent)->text()) continue;
    result.append({m_topic, m_partitions[row], target});
  }
  return result;
}

QString ReassignDialog::planError() const {
  const QList<int> live = m_snapshot ? liveBrokers(*m_snapshot) : QList<int>();
  const QSet<int> brokers(live.begin(), live.end());
  bool any = false;
  for (int row = 0; row < m_table->rowCount(); ++row) {
    bool ok = false;
    const QList<int> target = parseTarget(row, &ok);
    const int partition = m_partitions[row];
    if (!ok || target.isEmpty()) return tr("Partition %1: write the target as broker ids separated by commas.").arg(partition);
    if (QSet<int>(target.begin(), target.end()).size() != target.size())
      return tr("Partition %1: a broker appears twice.").arg(partition);
    for (int id : target)
      if (!brokers.contains(id)) return tr("Partition %1: broker %2 is not a live broker.").arg(partition).arg(id);
    any = any || idText(target) != m_table->item(row, kCurrent)->text();
  }
  return any ? QString() : tr("The plan changes nothing yet.");
}

void ReassignDialog::setTarget(int partition, const QList<int>& replicas) {
  const qsizetype row = m_partitions.indexOf(partition);
  if (row >= 0) m_table->item(int(row), kTarget)->setText(idText(replicas));
}

QList<app::PlannedReassignment> ReassignDialog::balancedPlan(const app::TopicState& topic, const QList<int>& brokers) {
  QList<int> sorted = brokers;
  std::sort(sorted.begin(), sorted.end());
  QList<app::PlannedReassignment> plan;
  if (sorted.isEmpty()) return plan;
  const int rf = std::min(topic.replicationFactor(), int(sorted.size()));
  // Like Kafka's assignment: partition p starts at broker p mod n; followers come after it with a shift that
  // grows every n partitions, so the followers of one leader are not always the same brokers.
  const int n = int(sorted.size());
  for (const auto& p : topic.partitions) {
    QList<int> replicas;
    const int first = p.partition % n;
    const int shift = n > 1 ? (p.partition / n) % (n - 1) : 0;
    replicas << sorted[first];
    for (int j = 0; j + 1 < rf; ++j) replicas << sorted[(first + 1 + (shift + j) % (n - 1)) % n];
    plan.append({topic.name, p.partition, replicas});
  }
  return plan;
}

void ReassignDialog::generateBalancedPlan() {
  if (!m_snapshot) return;
  const app::TopicState* t = m_snapshot->findTopic(m_topic);
  if (t == nullptr) return;
  for (const auto& r : balancedPlan(*t, liveBrokers(*m_snapshot)))
    if (m_partitions.contains(r.partition)) setTarget(r.partition, r.replicas);
}

void ReassignDialog::pickBrokers(int row) {
  if (row < 0 || !m_snapshot) return;
  bool ok = false;
  QList<int> target = parseTarget(row, &ok);
  QMenu menu(this);
  for (const auto& b : m_snapshot->brokers) {
    QAction* a = menu.addAction(b.alive ? tr("Broker %1").arg(b.id) : tr("Broker %1 (down)").arg(b.id));
    a->setCheckable(true);
    a->setChecked(target.contains(b.id));
    a->setEnabled(b.alive);
    a->setData(b.id);
  }
  QAction* chosen = menu.exec(QCursor::pos());
  if (chosen == nullptr) return;
  const int id = chosen->data().toInt();
  if (target.contains(id)) target.removeAll(id);
  else target << id;
  m_table->item(row, kTarget)->setText(idText(target));
}

QString ReassignDialog::planJson(const QList<app::PlannedReassignment>& plan) {
  // kafka-reassign-partitions' layout: one partition per line, readable and still valid JSON.
  QStringList lines;
  for (const auto& r : plan) {
    QJsonArray replicas, dirs;
    for (int id : r.replicas) {
      replicas.append(id);
      dirs.append(QStringLiteral("any"));
    }
    const QJsonObject entry{{QStringLiteral("topic"), r.topic},
                            {QStringLiteral("partition"), r.partition},
                            {QStringLiteral("replicas"), replicas},
                            {QStringLiteral("log_dirs"), dirs}};
    lines << QStringLiteral("    ") + QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact));
  }
  return QStringLiteral("{\n  \"version\": 1,\n  \"partitions\": [\n%1\n  ]\n}\n").arg(lines.join(QStringLiteral(",\n")));
}

int ReassignDialog::progressPercent(const app::ClusterSnapshot& snapshot, const app::PlannedReassignment& target) {
  const app::TopicState* t = snapshot.findTopic(target.topic);
  if (t == nullptr) return 0;
  const app::PartitionState* p = nullptr;
  for (const auto& q : t->partitions)
    if (q.partition == target.partition) p = &q;
  if (p == nullptr) return 0;
  bool ongoing = false;
  for (const auto& r : snapshot.reassignments) ongoing = ongoing || (r.topic == target.topic && r.partition == target.partition);
  if (!ongoing && p->replicas == target.replicas) return 100;
  int inSync = 0;
  for (int id : target.replicas) inSync += p->isr.contains(id) ? 1 : 0;
  return target.replicas.isEmpty() ? 0 : std::min(95, 100 * inSync / int(target.replicas.size()));
}

int ReassignDialog::totalProgress() const { return m_total->value(); }

void ReassignDialog::setSnapshot(const app::SnapshotPtr& snapshot) {
  m_snapshot = snapshot;
  if (!snapshot || m_executed.isEmpty()) return;
  int sum = 0;
  for (int row = 0; row < m_partitions.size(); ++row) {
    auto* bar = static_cast<QProgressBar*>(m_table->cellWidget(row, kProgress));
    bar->setFormat(tr("unchanged"));
    bar->setValue(0);
    for (const auto& r : m_executed) {
      if (r.partition != m_partitions[row]) continue;
      bar->setFormat(QStringLiteral("%p%"));
      const int percent = progressPercent(*snapshot, r);
      bar->setValue(percent);
      sum += percent;
    }
  }
  m_total->setValue(sum / int(m_executed.size()));
  const bool done = m_total->value() == 100;
  m_cancel->setEnabled(!done);
  if (done) m_error->setText(tr("Reassignment complete."));
}

void ReassignDialog::updatePlanView() {
  m_json->setPlainText(planJson(plan()));
  const QString error = planError();
  m_error->setText(error);
  m_execute->setEnabled(error.isEmpty());
}

qint64 ReassignDialog::throttleBytesPerSec() const { return qint64(m_throttle->value()) * 1024 * 1024; }

void ReassignDialog::setThrottleBytesPerSec(qint64 rate) { m_throttle->setValue(int(rate / (1024 * 1024))); }

}  // namespace partita::ui
