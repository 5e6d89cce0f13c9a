#include "ui/empty_state_widget.h"

#include <QAction>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace partita::ui {

EmptyStateWidget::EmptyStateWidget(const QIcon& icon, QWidget* parent)
    : QWidget(parent),
      m_iconLabel(new QLabel(this)),
      m_titleLabel(new QLabel(this)),
      m_descriptionLabel(new QLabel(this)),
      m_buttonRow(new QHBoxLayout) {
  m_iconLabel->setPixmap(icon.pixmap(QSize(72, 72), devicePixelRatioF()));
  m_iconLabel->setAlignment(Qt::AlignCenter);

  m_titleLabel->setObjectName(QStringLiteral("emptyStateTitle"));
  QFont titleFont = m_titleLabel->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
  titleFont.setBold(true);
  m_titleLabel->setFont(titleFont);
  m_titleLabel->setAlignment(Qt::AlignCenter);
  m_titleLabel->setWordWrap(true);

  m_descriptionLabel->setObjectName(QStringLiteral("emptyStateDescription"));
  m_descriptionLabel->setAlignment(Qt::AlignCenter);
  m_descriptionLabel->setWordWrap(true);
  // Long lines are hard to read when centred; keep the paragraph narrow.
  m_descriptionLabel->setMaximumWidth(480);
  m_descriptionLabel->setForegroundRole(QPalette::PlaceholderText);

  m_buttonRow->setSpacing(10);
  m_buttonRow->addStretch();
  m_buttonRow->addStretch();

  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(32, 32, 32, 32);
  column->setSpacing(12);
  column->addStretch(3);
  column->addWidget(m_iconLabel);
  column->addSpacing(4);
  column->addWidget(m_titleLabel);
  // Stretches instead of an alignment flag: an aligned label loses its height-for-width and
  // clips wrapped text.
  auto* descriptionRow = new QHBoxLayout;
  descriptionRow->addStretch(1);
  descriptionRow->addWidget(m_descriptionLabel, 100);
  descriptionRow->addStretch(1);
  column->addLayout(descriptionRow);
  column->addSpacing(8);
  column->addLayout(m_buttonRow);
  column->addStretch(4);
}

void EmptyStateWidget::setTitle(const QString& title) { m_titleLabel->setText(title); }

void EmptyStateWidget::setDescription(const QString& description) { m_descriptionLabel->setText(description); }

QString EmptyStateWidget::title() const { return m_titleLabel->text(); }

QString EmptyStateWidget::description() const { return m_descriptionLabel->text(); }

void EmptyStateWidget::addAction(QAction* action) {
  // A push button mirroring the action (rather than a styled QToolButton) keeps the native
  // padding and follows palette changes when the theme switches.
  auto* button = new QPushButton(this);
  button->setMinimumHeight(32);
  const auto sync = [button, action] {
    button->setText(action->text());
    // Room around the text: Fusion's own push-button margins are tight for a call to action.
    button->setMinimumWidth(button->sizeHint().width() + 28);
    button->setEnabled(action->isEnabled());
    button->setVisible(action->isVisible());  // an action that does not apply now (e.g. Retry) hides its button
    button->setToolTip(action->statusTip());
  };
  sync();
  connect(action, &QAction::changed, button, sync);
  connect(button, &QPushButton::clicked, action, &QAction::trigger);
  // Insert before the trailing stretch so the row stays centred.
  m_buttonRow->insertWidget(1 + m_buttonCount, button);
  ++m_buttonCount;
}

}  // namespace partita::ui
