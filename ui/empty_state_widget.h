// The centred "nothing here yet" panel a page shows until it has data: an icon, a title, a
// sentence saying what will appear and what to do, and buttons for the actions that help.
//
// Ownership: a plain child widget. The actions passed to addAction() are not owned; each button
// follows its action's text, enabled state and visibility, so retranslating the action retranslates the
// button. GUI thread only.
#pragma once

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;

namespace partita::ui {

class EmptyStateWidget : public QWidget {
  Q_OBJECT

 public:
  explicit EmptyStateWidget(const QIcon& icon, QWidget* parent = nullptr);

  void setTitle(const QString& title);
  void setDescription(const QString& description);
  QString title() const;
  QString description() const;

  // Adds a button that triggers `action` (the first one added is the default-looking one).
  void addAction(QAction* action);

 private:
  QLabel* m_iconLabel;
  QLabel* m_titleLabel;
  QLabel* m_descriptionLabel;
  QHBoxLayout* m_buttonRow;
  int m_buttonCount = 0;
};

}  // namespace partita::ui
