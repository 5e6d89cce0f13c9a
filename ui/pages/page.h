// Base class of the pages in the main window's stack (Cluster, Topics, ...).
//
// Contract: a page builds its widgets in its constructor and sets every user-visible text in
// retranslateUi(), which runs once at construction (subclasses call it) and again on each
// QEvent::LanguageChange. Pages are owned by the main window's QStackedWidget. GUI thread only.
#pragma once

#include <QEvent>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWidget>

namespace partita::ui {

class Page : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;

  // The page's name as shown in the navigation list.
  virtual QString title() const = 0;

 protected:
  virtual void retranslateUi() = 0;

  // Fills the page with `stack`, whose first card is the empty state and second the content.
  void stackEmptyStateAndContent(QStackedWidget* stack, QWidget* emptyState, QWidget* content) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack);
    stack->addWidget(emptyState);
    stack->addWidget(content);
  }

  void changeEvent(QEvent* event) override {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
  }
};

}  // namespace partita::ui
