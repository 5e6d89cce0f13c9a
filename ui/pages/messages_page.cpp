#include "ui/pages/messages_page.h"

#include <QAction>
#include <QVBoxLayout>

#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

MessagesPage::MessagesPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent), m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-messages")), this)) {
  setObjectName(QStringLiteral("messagesPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_emptyState);
  retranslateUi();
}

QString MessagesPage::title() const { return tr("Messages"); }

void MessagesPage::retranslateUi() {
  m_emptyState->setTitle(tr("No messages to show"));
  m_emptyState->setDescription(
      tr("Browse the messages of a topic here, with keys, values, headers and timestamps, or produce new ones. Start a local cluster or connect to one to see them."));
}

}  // namespace partita::ui
