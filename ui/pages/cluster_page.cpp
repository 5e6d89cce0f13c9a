#include "ui/pages/cluster_page.h"

#include <QAction>
#include <QHBoxLayout>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "ui/empty_state_widget.h"
#include "ui/models/brokers_model.h"
#include "ui/dialogs/topic_config_dialog.h"
#include "ui/resources.h"
#include "ui/widgets/message_bar.h"
#include "ui/widgets/throughput_plot.h"
#include "ui/widgets/fit_columns.h"

namespace partita::ui {
namespace {

using app::ClusterConnection;
using BrokerAction = app::LocalClusterController::BrokerAction;

QLabel* sectionTitle(QWidget* parent) {
  auto* label = new QLabel(parent);
  QFont f = label->font();
  f.setBold(true);
  label->setFont(f);
  return label;
}

}  // namespace

ClusterPage::ClusterPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-cluster")), this)),
      m_messages(new MessageBar(this)),
      m_header(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_view(new QTableView(this)),
      m_model(new BrokersModel(this)),
      m_charts(new QTabWidget(this)),
      m_throughput(new ThroughputPlot(ThroughputPlot::Chart::Throughput, this)),
      m_latency(new ThroughputPlot(ThroughputPlot::Chart::Latency, this)),
      m_isr(new ThroughputPlot(ThroughputPlot::Chart::IsrChanges, this)),
      m_log(new QPlainTextEdit(this)),
      m_brokersTitle(sectionTitle(this)),
      m_logTitle(sectionTitle(this)),
      m_start(new QPushButton(icon(QStringLiteral("state-ok")), QString(), this)),
      m_stop(new QPushButton(icon(QStringLiteral("state-stopped")), QString(), this)),
      m_kill(new QPushButton(icon(QStringLiteral("state-offline")), QString(), this)),
      m_configs(new QPushButton(this)) {
  setObjectName(QStringLiteral("clusterPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);

  m_header->setObjectName(QStringLiteral("clusterHeader"));
  m_header->setWordWrap(true);
  m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_progress->setObjectName(QStringLiteral("clusterProgress"));
  m_progress->setRange(0, 0);
  m_progress->setMaximumHeight(6);
  m_progress->setTextVisible(false);
  m_view->setObjectName(QStringLiteral("brokersView"));
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->verticalHeader()->hide();
  fitColumnsToContents(m_view->horizontalHeader());
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setWordWrap(false);
  m_view->setAlternatingRowColors(true);
  m_view->setShowGrid(false);
  m_start->setObjectName(QStringLiteral("startBrokerButton"));
  m_stop->setObjectName(QStringLiteral("stopBrokerButton"));
  m_kill->setObjectName(QStringLiteral("killBrokerButton"));
  m_configs->setObjectName(QStringLiteral("brokerConfigsButton"));
  m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
  m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
  m_kill->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_K));
  m_log->setObjectName(QStringLiteral("clusterLog"));
  m_log->setReadOnly(true);
  m_log->setMaximumBlockCount(2000);
  m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_brokersTitle);
  buttons->addStretch();
  buttons->addWidget(m_start);
  buttons->addWidget(m_stop);
  buttons->addWidget(m_kill);
  buttons->addWidget(m_configs);

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addLayout(buttons);
  topLayout->addWidget(m_view);
  m_charts->setObjectName(QStringLiteral("clusterCharts"));
  m_charts->setDocumentMode(true);
  m_charts->addTab(m_throughput, QString());
  m_charts->addTab(m_latency, QString());
  m_charts->addTab(m_isr, QString());
  auto* bottom = new QWidget(this);
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addWidget(m_logTitle);
  bottomLayout->addWidget(m_log, 1);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(top);
  split->addWidget(m_charts);
  split->addWidget(bottom);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 5);
  split->setStretchFactor(2, 1);

  auto* content = new QWidget(this);
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->setContentsMargins(16, 12, 16, 12);
  contentLayout->addWidget(m_header);
  contentLayout->addWidget(m_progress);
  contentLayout->addWidget(m_messages);
  contentLayout->addWidget(split, 1);

  m_stack->addWidget(m_emptyState);
  m_stack->addWidget(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ClusterPage::updateButtons);
  connect(m_model, &QAbstractItemModel::modelReset, this, &ClusterPage::updateButtons);
  connect(m_model, &QAbstractItemModel::dataChanged, this, &ClusterPage::updateButtons);
  connect(m_start, &QPushButton::clicked, this, [this] { brokerAction(BrokerAction::Start); });
  connect(m_stop, &QPushButton::clicked, this, [this] { brokerAction(BrokerAction::Stop); });
  connect(m_kill, &QPushButton::clicked, this, [this] { brokerAction(BrokerAction::Kill); });
  connect(m_configs, &QPushButton::clicked, this, [this] {
    // The dialog opens on the answer (brokerConfigs), so the GUI never waits for the broker.
    if (m_connection && selectedBroker() >= 0) m_connection->describeBrokerConfigs(selectedBroker());
  });
  retranslateUi();
  updateButtons();
}

QString ClusterPage::title() const { return tr("Cluster"); }

void ClusterPage::setConnection(ClusterConnection* connection) {
  for (const auto& link : m_links) disconnect(link);
  m_links.clear();
  m_connection = connection;
  for (ThroughputPlot* plot : {m_throughput, m_latency, m_isr}) plot->clear();
  m_log->clear();
  m_messages->hide();
  m_model->setSnapshot(connection != nullptr ? connection->snapshot() : app::SnapshotPtr());
  if (connection != nullptr) {
    m_links << connect(connection, &ClusterConnection::snapshotReady, this, &ClusterPage::onSnapshot);
    m_links << connect(connection, &ClusterConnection::stateChanged, this, &ClusterPage::onState);
    m_links << connect(connection, &ClusterConnection::logMessage, m_log, &QPlainTextEdit::appendPlainText);
    m_links << connect(connection, &ClusterConnection::operationFinished, this,
                       [this](ClusterConnection::Operation op, const QString& subject, const QString& error) {
                         const bool brokerConfig = op == ClusterConnection::Operation::AlterConfigs && m_alteringBroker;
                         if (brokerConfig) m_alteringBroker = false;
                         if (op != ClusterConnection::Operation::StartBroker &&
                             op != ClusterConnection::Operation::StopBroker &&
                             op != ClusterConnection::Operation::KillBroker && !brokerConfig)
                           return;
                         if (error.isEmpty())
                           m_messages->showSuccess(tr("%1: %2 done.").arg(ClusterConnection::operationName(op), subject));
                         else
                           m_messages->showError(app::errorInWordsFor(
                               tr("%1 failed for %2: %3").arg(ClusterConnection::operationName(op), subject, error),
                               m_connection ? m_connection->bootstrapServers() : QString()));
                       });
    m_links << connect(connection, &ClusterConnection::brokerConfigs, this,
                       [this](int brokerId, const QList<app::ConfigValue>& configs, const QString& error) {
                         if (!error.isEmpty()) {
                           m_messages->showError(app::errorInWordsFor(tr("Cannot read the configs of broker %1: %2").arg(brokerId).arg(error),
                                                             m_connection ? m_connection->bootstrapServers() : QString()));
                           return;
                         }
                         TopicConfigDialog dialog(QString::number(brokerId), configs, this,
                                                  TopicConfigDialog::Resource::Broker);
                         if (dialog.exec() != QDialog::Accepted || !m_connection) return;
                         if (dialog.changes().isEmpty() && dialog.removals().isEmpty()) return;
                         m_alteringBroker = true;
                         m_connection->alterBrokerConfigs(brokerId, dialog.changes(), dialog.removals());
                       });
    m_links << connect(connection, &QObject::destroyed, this, [this] { setConnection(nullptr); });
  }
  onState();
}

void ClusterPage::onSnapshot(const app::SnapshotPtr& snapshot) {
  m_model->setSnapshot(snapshot);
  for (ThroughputPlot* plot : {m_throughput, m_latency, m_isr}) plot->addSnapshot(snapshot);
  onState();
}

void ClusterPage::onState() {
  m_stack->setCurrentIndex(m_connection ? 1 : 0);
  if (!m_connection) return;
  const auto state = m_connection->state();
  m_progress->setVisible(state == ClusterConnection::State::Starting || state == ClusterConnection::State::Connecting);
  const bool local = m_connection->kind() == ClusterConnection::Kind::Local;
  QString text = QStringLiteral("<span style='font-size:large; font-weight:600'>%1</span>").arg(m_connection->name().toHtmlEscaped());
  const app::SnapshotPtr s = m_connection->snapshot();
  if (state == ClusterConnection::State::Failed) {
    m_messages->showError(app::errorInWordsFor(tr("Cannot reach the cluster: %1").arg(m_connection->stateDetail()),
                                                m_connection->bootstrapServers()));
    m_reachError = true;
  } else if (m_reachError && state == ClusterConnection::State::Connected) {
    m_messages->hide();  // the poller reached it again
    m_reachError = false;
  }
  const bool stale = s && state != ClusterConnection::State::Connected;
  m_model->setStaleSince(stale ? s->taken : QDateTime());
  if (stale) {
    // The cluster does not answer: what we know is from the last answer, and is shown as such (greyed).
    text += QStringLiteral("<br><span style='color:gray'>") +
            tr("Last seen %1: bootstrap %2 · cluster id %3 · controller %4 · %5 of %6 brokers up")
                .arg(s->taken.toLocalTime().toString(QStringLiteral("HH:mm:ss")), s->bootstrapServers.toHtmlEscaped(),
                     s->clusterId.isEmpty() ? QStringLiteral("—") : s->clusterId)
                .arg(s->controllerId)
                .arg(s->aliveBrokerCount())
                .arg(s->brokers.size()) +
            QStringLiteral("</span>");
  } else if (s) {
    text += QStringLiteral("<br>") +
            tr("Bootstrap %1 · cluster id %2 · controller %3 · %4 of %5 brokers up")
                .arg(s->bootstrapServers.toHtmlEscaped(), s->clusterId.isEmpty() ? QStringLiteral("—") : s->clusterId)
                .arg(s->controllerId)
                .arg(s->aliveBrokerCount())
                .arg(s->brokers.size());
  } else if (state == ClusterConnection::State::Starting) {
    text += QStringLiteral("<br>") + tr("Starting ZooKeeper and %n broker(s)…", nullptr, m_connection->localOptions().brokers);
  } else if (state == ClusterConnection::State::Connecting) {
    text += QStringLiteral("<br>") + tr("Connecting to %1…").arg(m_connection->stateDetail().toHtmlEscaped());
  } else if (state == ClusterConnection::State::Stopped || state == ClusterConnection::State::Idle) {
    text += QStringLiteral("<br>") + (local ? tr("Not running. Double-click it in the Clusters list to start it with its data.")
                                            : tr("Not connected. Double-click it in the Clusters list to connect."));
  }
  m_header->setText(text);
  m_logTitle->setVisible(local);
  m_log->setVisible(local);
  updateButtons();
}

int ClusterPage::selectedBroker() const {
  const QModelIndexList rows = m_view->selectionModel()->selectedRows();
  return rows.isEmpty() ? -1 : rows.first().data(BrokersModel::kBrokerIdRole).toInt();
}

void ClusterPage::updateButtons() {
  const QModelIndexList rows = m_view->selectionModel()->selectedRows();
  const bool local = !rows.isEmpty() && rows.first().data(BrokersModel::kLocalRole).toBool();
  const bool alive = !rows.isEmpty() && rows.first().data(BrokersModel::kAliveRole).toBool();
  for (QPushButton* b : {m_start, m_stop, m_kill}) b->setVisible(m_connection && m_connection->kind() == ClusterConnection::Kind::Local);
  m_start->setEnabled(local && !alive);
  m_stop->setEnabled(local && alive);
  m_kill->setEnabled(local && alive);
  m_configs->setEnabled(m_connection && m_connection->state() == ClusterConnection::State::Connected && alive);
}

void ClusterPage::brokerAction(BrokerAction action) {
  const int id = selectedBroker();
  if (!m_connection || id < 0) return;
  if (m_confirm && action != BrokerAction::Start) {
    const QString question =
        action == BrokerAction::Stop
            ? tr("Stop broker %1 cleanly? Its partitions move their leadership to other in-sync replicas.").arg(id)
            : tr("Kill broker %1 abruptly? This simulates a crash: nothing is flushed, and partitions whose only "
                 "in-sync replica it is go offline.")
                  .arg(id);
    if (QMessageBox::question(this, action == BrokerAction::Stop ? tr("Stop Broker") : tr("Kill Broker"), question,
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
      return;
  }
  m_connection->brokerAction(id, action);
}

void ClusterPage::retranslateUi() {
  m_emptyState->setTitle(tr("No cluster yet"));
  m_emptyState->setDescription(
      tr("Brokers, the controller and ZooKeeper appear here with their health. Start a local cluster on this computer or connect to a running Kafka cluster."));
  m_brokersTitle->setText(tr("Brokers"));
  m_charts->setTabText(0, tr("Throughput"));
  m_charts->setTabText(1, tr("Request time"));
  m_charts->setTabText(2, tr("ISR changes"));
  m_logTitle->setText(tr("Local cluster log"));
  m_start->setText(tr("Start"));
  m_start->setToolTip(tr("Start the selected local broker again (%1)").arg(m_start->shortcut().toString(QKeySequence::NativeText)));
  m_stop->setText(tr("Stop"));
  m_stop->setToolTip(tr("Stop the selected local broker cleanly (%1)").arg(m_stop->shortcut().toString(QKeySequence::NativeText)));
  m_configs->setText(tr("Con&figs…"));
  m_configs->setToolTip(tr("View the selected broker's configs and edit its dynamic ones"));
  m_kill->setText(tr("Kill"));
  m_kill->setToolTip(tr("Kill the selected local broker abruptly (%1)").arg(m_kill->shortcut().toString(QKeySequence::NativeText)));
  onState();
}

}  // namespace partita::ui
