#include "ui/pages/consumer_groups_page.h"

#include <QAction>
#include <QVBoxLayout>

#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

ConsumerGroupsPage::ConsumerGroupsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent), m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-consumer-groups")), this)) {
  setObjectName(QStringLiteral("consumerGroupsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_emptyState);
  retranslateUi();
}

QString ConsumerGroupsPage::title() const { return tr("Consumer groups"); }

void ConsumerGroupsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No consumer groups to show"));
  m_emptyState->setDescription(
      tr("Consumer groups with their members, assigned partitions, committed offsets and lag appear here. Start a local cluster or connect to one to see them."));
}

}  // namespace partita::ui
