#include "ui/pages/transactions_page.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "app/bridge/transaction_monitor.h"
#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

namespace {

constexpr int kRefreshMs = 5000;
// Kafka's transaction states (TransactionState.java), as ListTransactions filters them.
const char* const kStates[] = {"Ongoing", "PrepareCommit", "PrepareAbort", "CompleteCommit", "CompleteAbort", "Empty"};

QTableView* makeTable(QStandardItemModel* model, QWidget* parent, const QString& name) {
  auto* view = new QTableView(parent);
  view->setObjectName(name);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->setAlternatingRowColors(true);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  view->setWordWrap(false);
  return view;
}

QStandardItem* item(const QString& text) {
  auto* i = new QStandardItem(text);
  i->setEditable(false);
  return i;
}

QString number(qint64 v) { return v < 0 ? QStringLiteral("—") : QString::number(v); }

QString timeText(qint64 ms) {
  return ms < 0 ? QStringLiteral("—")
                : QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString ageText(qint64 sinceMs) {
  if (sinceMs < 0) return QStringLiteral("—");
  const qint64 s = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - sinceMs) / 1000);
  return s < 120 ? TransactionsPage::tr("%n s", nullptr, int(s)) : TransactionsPage::tr("%n min", nullptr, int(s / 60));
}

}  // namespace

TransactionsPage::TransactionsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_monitor(new app::TransactionMonitor(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-transactions")), this)),
      m_timer(new QTimer(this)) {
  setObjectName(QStringLiteral("transactionsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  stackEmptyStateAndContent(m_stack, m_emptyState, buildContent());
  m_timer->setInterval(kRefreshMs);
  connect(m_timer, &QTimer::timeout, this, [this] {
    if (!m_monitor->busy()) refresh();  // a slow cluster: skip a tick rather than queue refreshes
  });
  connect(m_monitor, &app::TransactionMonitor::refreshed, this, &TransactionsPage::showSnapshot);
  connect(m_monitor, &app::TransactionMonitor::described, this, &TransactionsPage::showDetail);
  connect(m_monitor, &app::TransactionMonitor::aborted, this, [this](const app::ProducerRow& row, const QString& error) {
    if (error.isEmpty()) {
      setStatus(tr("Aborted the transaction of producer %1 on %2-%3.").arg(row.producerId).arg(row.topic).arg(row.partition),
                false);
    } else {
      setStatus(tr("Abort failed: %1").arg(error), true);
    }
    emit abortFinished(error);
    refresh();
  });
  retranslateUi();
}

TransactionsPage::~TransactionsPage() = default;

QWidget* TransactionsPage::buildContent() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);

  m_stateLabel = new QLabel(content);
  m_stateFilter = new QComboBox(content);
  m_stateFilter->setObjectName(QStringLiteral("transactionsStateFilter"));
  m_stateFilter->addItem(QString());  // all states
  for (const char* s : kStates) m_stateFilter->addItem(QLatin1String(s), QLatin1String(s));
  m_producerLabel = new QLabel(content);
  m_producerFilter = new QLineEdit(content);
  m_producerFilter->setObjectName(QStringLiteral("transactionsProducerFilter"));
  m_producerFilter->setClearButtonEnabled(true);
  m_producerFilter->setMaximumWidth(160);
  // The hanging threshold sits with the hanging table (below); made here so currentFilter() has it.
  m_hangingLabel = new QLabel(content);
  m_hangingMinutes = new QSpinBox(content);
  m_hangingMinutes->setObjectName(QStringLiteral("transactionsHangingMinutes"));
  m_hangingMinutes->setRange(0, 7 * 24 * 60);
  m_hangingMinutes->setValue(15);
  m_refreshButton = new QPushButton(content);
  m_refreshButton->setObjectName(QStringLiteral("transactionsRefreshButton"));
  auto* filters = new QHBoxLayout;
  filters->addWidget(m_stateLabel);
  filters->addWidget(m_stateFilter);
  filters->addSpacing(12);
  filters->addWidget(m_producerLabel);
  filters->addWidget(m_producerFilter);
  filters->addWidget(m_refreshButton);
  filters->addStretch();
  layout->addLayout(filters);
  connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &TransactionsPage::refresh);
  connect(m_producerFilter, &QLineEdit::returnPressed, this, &TransactionsPage::refresh);
  connect(m_hangingMinutes, &QSpinBox::editingFinished, this, &TransactionsPage::refresh);
  connect(m_refreshButton, &QPushButton::clicked, this, &TransactionsPage::refresh);

  m_status = new QLabel(content);
  m_status->setObjectName(QStringLiteral("transactionsStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();
  layout->addWidget(m_status);

  auto* vertical = new QSplitter(Qt::Vertical, content);
  auto* top = new QSplitter(Qt::Horizontal, vertical);
  m_transactions = new QStandardItemModel(0, 4, this);
  m_transactionsView = makeTable(m_transactions, top, QStringLiteral("transactionsView"));
  connect(m_transactionsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) selectTransaction(m_transactions->item(current.row(), 0)->text());
          });
  auto* detail = new QWidget(top);
  auto* detailLayout = new QVBoxLayout(detail);
  detailLayout->setContentsMargins(6, 0, 0, 0);
  m_detailTitle = new QLabel(detail);
  m_detailTitle->setObjectName(QStringLiteral("transactionDetailTitle"));
  QFont bold = m_detailTitle->font();
  bold.setBold(true);
  m_detailTitle->setFont(bold);
  m_detailText = new QLabel(detail);
  m_detailText->setObjectName(QStringLiteral("transactionDetailText"));
  m_detailText->setWordWrap(true);
  m_detailText->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_partitions = new QStandardItemModel(0, 5, this);
  m_partitionsView = makeTable(m_partitions, detail, QStringLiteral("transactionPartitionsView"));
  detailLayout->addWidget(m_detailTitle);
  detailLayout->addWidget(m_detailText);
  detailLayout->addWidget(m_partitionsView, 1);
  top->addWidget(m_transactionsView);
  top->addWidget(detail);
  top->setStretchFactor(0, 2);
  top->setStretchFactor(1, 3);

  auto* bottom = new QWidget(vertical);
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 6, 0, 0);
  auto* hangingHeader = new QHBoxLayout;
  m_hangingTitle = new QLabel(bottom);
  m_hangingTitle->setObjectName(QStringLiteral("hangingTitle"));
  m_hangingTitle->setFont(bold);
  m_abortButton = new QPushButton(bottom);
  m_abortButton->setObjectName(QStringLiteral("abortHangingButton"));
  m_abortButton->setEnabled(false);
  hangingHeader->addWidget(m_hangingTitle, 1);
  hangingHeader->addWidget(m_hangingLabel);
  hangingHeader->addWidget(m_hangingMinutes);
  hangingHeader->addSpacing(12);
  hangingHeader->addWidget(m_abortButton);
  m_hanging = new QStandardItemModel(0, 7, this);
  m_hangingView = makeTable(m_hanging, bottom, QStringLiteral("hangingView"));
  connect(m_hangingView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { m_abortButton->setEnabled(current.isValid()); });
  connect(m_abortButton, &QPushButton::clicked, this, [this] {
    const QModelIndex current = m_hangingView->currentIndex();
    if (current.isValid()) abortHanging(current.row());
  });
  bottomLayout->addLayout(hangingHeader);
  bottomLayout->addWidget(m_hangingView, 1);
  vertical->addWidget(top);
  vertical->addWidget(bottom);
  vertical->setStretchFactor(0, 3);
  vertical->setStretchFactor(1, 2);
  layout->addWidget(vertical, 1);
  return content;
}

QString TransactionsPage::title() const { return tr("Transactions"); }

void TransactionsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No transactions to show"));
  m_emptyState->setDescription(
      tr("Transactional producers, their open transactions and the partitions they hold back appear here, and a "
         "hanging transaction can be aborted. Start a local cluster or connect to one to see them."));
  m_stateLabel->setText(tr("State:"));
  m_stateFilter->setItemText(0, tr("All states"));
  m_producerLabel->setText(tr("Producer id:"));
  m_producerFilter->setPlaceholderText(tr("any"));
  m_hangingLabel->setText(tr("Hanging after:"));
  m_hangingMinutes->setSuffix(tr(" min"));
  m_hangingMinutes->setToolTip(
      tr("An open transaction whose producer has not written for this long and that no coordinator knows as "
         "ongoing is hanging (kafka-transactions.sh find-hanging --max-transaction-timeout)."));
  m_refreshButton->setText(tr("Refresh"));
  m_hangingTitle->setText(tr("Hanging transactions"));
  m_abortButton->setText(tr("Abort…"));
  m_abortButton->setToolTip(tr("Write an ABORT marker for the selected hanging transaction"));
  updateHeaders();
  // Texts built from the last answers (status, ages, the description) follow the language at once.
  renderSnapshot();
  renderDetail();
}

void TransactionsPage::updateHeaders() {
  m_transactions->setHorizontalHeaderLabels({tr("Transactional id"), tr("State"), tr("Producer id"), tr("Coordinator")});
  m_partitions->setHorizontalHeaderLabels(
      {tr("Topic"), tr("Partition"), tr("Open since offset"), tr("Producer epoch"), tr("Last write")});
  m_hanging->setHorizontalHeaderLabels({tr("Topic"), tr("Partition"), tr("Producer id"), tr("Producer epoch"),
                                        tr("Coordinator epoch"), tr("Start offset"), tr("Last write")});
}

void TransactionsPage::setBootstrapServers(const QString& servers) {
  m_monitor->setBootstrapServers(servers);
  m_snapshot = {};
  m_detail = {};
  m_selected.clear();
  m_transactions->removeRows(0, m_transactions->rowCount());
  m_partitions->removeRows(0, m_partitions->rowCount());
  m_hanging->removeRows(0, m_hanging->rowCount());
  renderDetail();
  if (servers.trimmed().isEmpty()) {
    m_stack->setCurrentIndex(0);
    m_timer->stop();
    setStatus(QString(), false);
    return;
  }
  m_stack->setCurrentIndex(1);
  setStatus(tr("Loading transactions…"), false);
  if (isVisible()) {
    refresh();
    m_timer->start();
  }
}

void TransactionsPage::showEvent(QShowEvent* event) {
  Page::showEvent(event);
  if (!m_monitor->bootstrapServers().isEmpty()) {
    refresh();
    m_timer->start();
  }
}

void TransactionsPage::hideEvent(QHideEvent* event) {
  m_timer->stop();
  Page::hideEvent(event);
}

app::TransactionFilter TransactionsPage::currentFilter() const {
  app::TransactionFilter f;
  const QString state = m_stateFilter->currentData().toString();
  if (!state.isEmpty()) f.states = {state};
  bool ok = false;
  const qint64 pid = m_producerFilter->text().trimmed().toLongLong(&ok);
  if (ok && pid >= 0) f.producerId = pid;
  f.hangingAfterMs = qint64(m_hangingMinutes->value()) * 60 * 1000;
  return f;
}

void TransactionsPage::refresh() {
  if (m_monitor->bootstrapServers().isEmpty()) return;
  m_monitor->refresh(currentFilter());
  if (!m_selected.isEmpty()) m_monitor->describe(m_selected);
}

void TransactionsPage::selectTransaction(const QString& transactionalId) {
  if (transactionalId == m_selected) return;
  m_selected = transactionalId;
  m_detail = {};
  m_detail.transactionalId = transactionalId;
  renderDetail();
  if (!transactionalId.isEmpty()) m_monitor->describe(transactionalId);
}

QString TransactionsPage::statusText() const { return m_status->isVisible() ? m_status->text() : QString(); }

void TransactionsPage::setStatus(const QString& text, bool error) {
  // An authorization failure is said in words, naming the user (app/bridge/authorization_error.h).
  m_status->setText(error ? app::errorInWordsFor(text, m_monitor->bootstrapServers()) : text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
  m_status->setVisible(!text.isEmpty());
}

void TransactionsPage::showSnapshot(const app::TransactionsSnapshot& snapshot) {
  m_snapshot = snapshot;
  renderSnapshot();
  emit refreshed();
}

void TransactionsPage::renderSnapshot() {
  const app::TransactionsSnapshot& snapshot = m_snapshot;
  if (!snapshot.taken.isValid()) return;
  if (snapshot.unsupported) {
    setStatus(tr("This cluster does not support the transaction admin APIs (ListTransactions, "
                 "DescribeTransactions, DescribeProducers: Kafka 3.0 or later, KIP-664). %1")
                  .arg(snapshot.error),
              true);
  } else if (!snapshot.error.isEmpty()) {
    setStatus(snapshot.error, true);
  } else {
    setStatus(tr("%n transactional id(s), %1 hanging. Updated %2.", nullptr, int(snapshot.transactions.size()))
                  .arg(snapshot.hanging.size())
                  .arg(QLocale().toString(snapshot.taken.time(), QStringLiteral("HH:mm:ss"))),
              false);
  }
  m_transactions->removeRows(0, m_transactions->rowCount());
  int selectedRow = -1;
  for (const auto& t : snapshot.transactions) {
    if (t.transactionalId == m_selected) selectedRow = m_transactions->rowCount();
    m_transactions->appendRow(
        {item(t.transactionalId), item(t.state), item(number(t.producerId)), item(QString::number(t.coordinator))});
  }
  if (selectedRow >= 0) {
    const QSignalBlocker block(m_transactionsView->selectionModel());
    m_transactionsView->selectRow(selectedRow);
  }
  const int hangingRow = m_hangingView->currentIndex().row();
  m_hanging->removeRows(0, m_hanging->rowCount());
  for (const auto& h : snapshot.hanging) {
    m_hanging->appendRow({item(h.topic), item(QString::number(h.partition)), item(number(h.producerId)),
                          item(QString::number(h.producerEpoch)), item(number(h.coordinatorEpoch)),
                          item(number(h.txnStartOffset)),
                          item(tr("%1 (%2 ago)").arg(timeText(h.lastTimestamp), ageText(h.lastTimestamp)))});
  }
  if (hangingRow >= 0 && hangingRow < m_hanging->rowCount()) m_hangingView->selectRow(hangingRow);
  m_abortButton->setEnabled(m_hangingView->currentIndex().isValid());
  m_transactionsView->resizeColumnsToContents();
  m_hangingView->resizeColumnsToContents();
}

void TransactionsPage::showDetail(const app::TransactionDetail& detail) {
  if (detail.transactionalId != m_selected) return;  // an answer for an earlier selection
  m_detail = detail;
  renderDetail();
  if (!detail.state.isEmpty() && detail.error.isEmpty()) emit described();
}

void TransactionsPage::renderDetail() {
  const app::TransactionDetail& detail = m_detail;
  m_partitions->removeRows(0, m_partitions->rowCount());
  if (detail.transactionalId.isEmpty()) {
    m_detailTitle->setText(tr("Select a transactional id to see its transaction and partitions."));
    m_detailText->clear();
    return;
  }
  m_detailTitle->setText(detail.transactionalId);
  if (!detail.error.isEmpty()) {
    m_detailText->setText(app::errorInWordsFor(detail.error, m_monitor->bootstrapServers()));
    return;
  }
  if (detail.state.isEmpty()) {
    m_detailText->setText(tr("Loading…"));
    return;
  }
  QString text = tr("State: %1 · producer id %2, epoch %3 · coordinator %4 · timeout %5 s")
                     .arg(detail.state)
                     .arg(detail.producerId)
                     .arg(detail.producerEpoch)
                     .arg(detail.coordinator)
                     .arg(detail.timeoutMs / 1000);
  if (detail.startTimeMs >= 0)
    text += QLatin1Char('\n') + tr("Started %1 (%2 ago)").arg(timeText(detail.startTimeMs), ageText(detail.startTimeMs));
  m_detailText->setText(text);
  for (const auto& p : detail.partitions) {
    m_partitions->appendRow({item(p.topic), item(QString::number(p.partition)), item(number(p.txnStartOffset)),
                             item(p.producerId < 0 ? QStringLiteral("—") : QString::number(p.producerEpoch)),
                             item(timeText(p.lastTimestamp))});
  }
  m_partitionsView->resizeColumnsToContents();
}

QString TransactionsPage::abortConsequence(const app::ProducerRow& row) {
  return tr("Abort the transaction of producer %1 (epoch %2) on %3-%4, open since offset %5?\n\n"
            "An ABORT marker is written to the partition: the transaction's records on it become aborted, so "
            "read_committed consumers never see them, and the last stable offset moves on, so those consumers "
            "continue. If the producer is in fact still alive, its transaction fails on this partition and its "
            "next commit or write is rejected. This cannot be undone.")
      .arg(row.producerId)
      .arg(row.producerEpoch)
      .arg(row.topic)
      .arg(row.partition)
      .arg(row.txnStartOffset);
}

void TransactionsPage::abortHanging(int row, bool confirmed) {
  if (row < 0 || row >= m_snapshot.hanging.size()) return;
  const app::ProducerRow target = m_snapshot.hanging[row];
  if (!confirmed) {
    QMessageBox box(QMessageBox::Warning, tr("Abort Hanging Transaction"), abortConsequence(target),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("abortTransactionConfirmation"));
    QPushButton* abort = box.addButton(tr("Abort transaction"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != abort) return;
  }
  setStatus(tr("Aborting the transaction of producer %1 on %2-%3…").arg(target.producerId).arg(target.topic).arg(target.partition),
            false);
  m_monitor->abortHanging(target);
}

}  // namespace partita::ui
