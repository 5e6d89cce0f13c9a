#include "ui/pages/segments_page.h"

#include <QAction>
#include <QVBoxLayout>

#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

SegmentsPage::SegmentsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent), m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-segments")), this)) {
  setObjectName(QStringLiteral("segmentsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_emptyState);
  retranslateUi();
}

QString SegmentsPage::title() const { return tr("Segments"); }

void SegmentsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No segments to show"));
  m_emptyState->setDescription(
      tr("The log segments of each partition appear here: base offsets, sizes, indexes and retention. Start a local cluster to inspect its storage on this computer."));
}

}  // namespace partita::ui
