// A line diff of two texts (the Schemas page compares two versions of a subject): the longest common
// subsequence of lines, found by dynamic programming after the common head and tail are cut off, so two versions
// that differ in a few places cost little. The table is bounded: when the differing middle of the two texts
// would need more than `maxCells` comparisons, the middle is reported as one removal and one addition (`whole`)
// instead, so a huge schema never costs more than kMaxDiffCells steps and 2 bytes per cell of memory.
// Pure functions on values; any thread (the page runs it on a pool thread).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace partita::ui {

struct DiffLine {
  enum class Kind { Same, Removed, Added };
  Kind kind = Kind::Same;
  QString text;
  int oldNumber = 0;  // 1-based line in the older text; 0 for an added line
  int newNumber = 0;  // 1-based line in the newer text; 0 for a removed line
};

struct LineDiff {
  QList<DiffLine> lines;  // in reading order; ties go to removals, so a changed line reads old then new
  int added = 0;
  int removed = 0;
  bool whole = false;  // the middle was beyond the cap and is shown replaced as a whole
  bool identical() const { return added == 0 && removed == 0; }
};

// 4 million cells: ~8 MB and a few milliseconds; two 2,000-line versions changed throughout still fit.
inline constexpr qint64 kMaxDiffCells = 4'000'000;

LineDiff DiffLines(const QStringList& before, const QStringList& after, qint64 maxCells = kMaxDiffCells);
// The same on texts split at '\n' (a trailing newline does not make an empty last line).
LineDiff DiffTexts(const QString& before, const QString& after, qint64 maxCells = kMaxDiffCells);

}  // namespace partita::ui
