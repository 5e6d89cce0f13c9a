#include "ui/pages/cluster_page.h"

#include <QAction>
#include <QVBoxLayout>

#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

ClusterPage::ClusterPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent), m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-cluster")), this)) {
  setObjectName(QStringLiteral("clusterPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_emptyState);
  retranslateUi();
}

QString ClusterPage::title() const { return tr("Cluster"); }

void ClusterPage::retranslateUi() {
  m_emptyState->setTitle(tr("No cluster yet"));
  m_emptyState->setDescription(
      tr("Brokers, the controller and ZooKeeper appear here with their health. Start a local cluster on this computer or connect to a running Kafka cluster."));
}

}  // namespace partita::ui
