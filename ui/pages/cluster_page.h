// The cluster overview page. Until it is connected to cluster data it shows an empty state that says what
// will appear here and offers the actions that get there.
//
// Ownership: owned by the main window's page stack; the actions passed in are owned by the
// main window and outlive the page. GUI thread only.
#pragma once

#include <QList>

#include "ui/pages/page.h"

class QAction;

namespace partita::ui {

class EmptyStateWidget;

class ClusterPage : public Page {
  Q_OBJECT

 public:
  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit ClusterPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);

  QString title() const override;

 protected:
  void retranslateUi() override;

 private:
  EmptyStateWidget* m_emptyState;
};

}  // namespace partita::ui
