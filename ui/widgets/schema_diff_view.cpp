#include "ui/widgets/schema_diff_view.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTextBlock>
#include <QTextCursor>
#include <QThreadPool>
#include <QVBoxLayout>

#include "ui/theme.h"

namespace partita::ui {

SchemaDiffView::SchemaDiffView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_text(new QPlainTextEdit(this)) {
  m_summary->setObjectName(QStringLiteral("schemaDiffSummary"));
  m_summary->setWordWrap(true);
  m_text->setObjectName(QStringLiteral("schemaDiffText"));
  m_text->setReadOnly(true);
  m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_summary);
  layout->addWidget(m_text, 1);
}

void SchemaDiffView::compare(const QString& before, const QString& after, const QString& beforeLabel,
                             const QString& afterLabel) {
  m_beforeLabel = beforeLabel;
  m_afterLabel = afterLabel;
  m_message.clear();
  m_running = true;
  const quint64 generation = ++m_generation;
  m_summary->setText(tr("Comparing…"));
  QPointer<SchemaDiffView> self(this);
  QThreadPool::globalInstance()->start([self, generation, before, after] {
    LineDiff diff = DiffTexts(before, after);
    // Back on the GUI thread; a view deleted meanwhile drops it (QPointer checked there, not here).
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, generation, diff = std::move(diff)] {
          if (self && generation == self->m_generation) self->show(diff);
        },
        Qt::QueuedConnection);
  });
}

void SchemaDiffView::showMessage(const QString& message) {
  ++m_generation;  // a diff still running is no longer wanted
  m_running = false;
  m_hasDiff = false;
  m_diff = {};
  m_message = message;
  render();
}

void SchemaDiffView::show(const LineDiff& diff) {
  m_diff = diff;
  m_running = false;
  m_hasDiff = true;
  render();
  emit diffReady();
}

QString SchemaDiffView::summary() const { return m_summary->text(); }
QString SchemaDiffView::diffText() const { return m_text->toPlainText(); }

void SchemaDiffView::render() {
  m_text->clear();
  if (!m_hasDiff) {
    m_summary->setText(m_message);
    return;
  }
  if (m_diff.identical()) {
    m_summary->setText(tr("No differences: %1 and %2 are the same text.").arg(m_beforeLabel, m_afterLabel));
    return;
  }
  QString summary = tr("%1 → %2: %n line(s) added", nullptr, m_diff.added).arg(m_beforeLabel, m_afterLabel) +
                    tr(", %n removed", nullptr, m_diff.removed);
  if (m_diff.whole) summary += QLatin1Char(' ') + tr("(too large to compare line by line: the changed part is shown replaced as a whole)");
  m_summary->setText(summary);

  int widest = 1;
  for (const DiffLine& line : m_diff.lines) widest = std::max({widest, line.oldNumber, line.newNumber});
  const int digits = int(QString::number(widest).size());
  const auto number = [digits](int n) {
    return n > 0 ? QStringLiteral("%1").arg(n, digits) : QString(digits, QLatin1Char(' '));
  };
  const CodeColors colors = codeColors();
  QTextBlockFormat plain, added, removed;
  added.setBackground(colors.addedBackground);
  removed.setBackground(colors.removedBackground);

  // One edit block: the document lays out once, not once per line.
  QTextCursor cursor(m_text->document());
  cursor.beginEditBlock();
  bool first = true;
  for (const DiffLine& line : m_diff.lines) {
    const QTextBlockFormat& format =
        line.kind == DiffLine::Kind::Added ? added : line.kind == DiffLine::Kind::Removed ? removed : plain;
    if (first) cursor.setBlockFormat(format);
    else cursor.insertBlock(format);
    first = false;
    const QChar marker = line.kind == DiffLine::Kind::Added     ? QLatin1Char('+')
                         : line.kind == DiffLine::Kind::Removed ? QLatin1Char('-')
                                                                : QLatin1Char(' ');
    cursor.insertText(QStringLiteral("%1 %2 %3  %4").arg(marker).arg(number(line.oldNumber), number(line.newNumber), line.text));
  }
  cursor.endEditBlock();
  m_text->moveCursor(QTextCursor::Start);
}

void SchemaDiffView::changeEvent(QEvent* event) {
  // The summary is a translated sentence and the backgrounds are the theme's.
  if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) render();
  QWidget::changeEvent(event);
}

}  // namespace partita::ui
