#include "ui/widgets/message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

#include "ui/resources.h"

namespace partita::ui {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_hide(new QTimer(this)) {
  setObjectName(QStringLiteral("messageBar"));
  m_text->setObjectName(QStringLiteral("messageBarText"));
  m_text->setWordWrap(true);
  m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(this);
  close->setText(QStringLiteral("×"));
  close->setAutoRaise(true);
  close->setToolTip(tr("Dismiss"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 6, 6);
  layout->addWidget(m_icon);
  layout->addWidget(m_text, 1);
  layout->addWidget(close);
  m_hide->setSingleShot(true);
  connect(m_hide, &QTimer::timeout, this, &QWidget::hide);
  connect(close, &QToolButton::clicked, this, &QWidget::hide);
  hide();
}

QString MessageBar::text() const { return m_text->text(); }

void MessageBar::showError(const QString& text) { showMessage(text, true); }
void MessageBar::showSuccess(const QString& text) { showMessage(text, false); }

void MessageBar::showMessage(const QString& text, bool error) {
  m_error = error;
  m_text->setText(text);
  m_icon->setPixmap(icon(error ? QStringLiteral("state-offline") : QStringLiteral("state-ok")).pixmap(16, 16));
  // Tinted rather than saturated, so the text keeps its contrast in light and dark themes.
  setStyleSheet(error ? QStringLiteral("#messageBar { background: rgba(217, 48, 37, 40); border: 1px solid "
                                       "rgba(217, 48, 37, 160); border-radius: 6px; }")
                      : QStringLiteral("#messageBar { background: rgba(30, 142, 62, 35); border: 1px solid "
                                       "rgba(30, 142, 62, 150); border-radius: 6px; }"));
  show();
  if (error) m_hide->stop();
  else m_hide->start(6000);
}

}  // namespace partita::ui
