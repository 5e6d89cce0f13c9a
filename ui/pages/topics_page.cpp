#include "ui/pages/topics_page.h"

#include <QAction>
#include <QVBoxLayout>

#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

TopicsPage::TopicsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent), m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-topics")), this)) {
  setObjectName(QStringLiteral("topicsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_emptyState);
  retranslateUi();
}

QString TopicsPage::title() const { return tr("Topics"); }

void TopicsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No topics to show"));
  m_emptyState->setDescription(
      tr("Topics with their partitions, leaders and in-sync replicas appear here. Start a local cluster or connect to one to see them."));
}

}  // namespace partita::ui
