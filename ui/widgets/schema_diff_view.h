// The diff between two versions of a schema (the Schemas page's Compare tab): one column, unified, each line
// with its old and new line numbers and a -/+ marker, removed and added lines on the theme's tinted
// backgrounds (codeColors()), above it a summary ("3 lines added, 1 removed") or "No differences". The diff
// (line_diff.h, bounded by kMaxDiffCells) runs on a pool thread, so a large schema never stalls the GUI thread;
// an answer for texts that were replaced meanwhile is dropped.
// Ownership: a plain child widget. GUI thread only.
#pragma once

#include <QWidget>

#include "ui/widgets/line_diff.h"

class QLabel;
class QPlainTextEdit;

namespace partita::ui {

class SchemaDiffView : public QWidget {
  Q_OBJECT

 public:
  explicit SchemaDiffView(QWidget* parent = nullptr);

  // Compares `before` with `after` in the background; diffReady() once shown. Labels name the two sides.
  void compare(const QString& before, const QString& after, const QString& beforeLabel, const QString& afterLabel);
  // Empties the view and shows `message` instead (e.g. "only one version").
  void showMessage(const QString& message);

  bool isRunning() const { return m_running; }
  const LineDiff& diff() const { return m_diff; }
  QString summary() const;
  QString diffText() const;
  QPlainTextEdit* textView() const { return m_text; }

 signals:
  void diffReady();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void show(const LineDiff& diff);
  void render();  // m_diff into the text view and summary (again on a language or theme change)

  QLabel* m_summary;
  QPlainTextEdit* m_text;
  LineDiff m_diff;
  QString m_beforeLabel, m_afterLabel, m_message;
  quint64 m_generation = 0;  // which compare() the running diff answers
  bool m_running = false;
  bool m_hasDiff = false;
};

}  // namespace partita::ui
