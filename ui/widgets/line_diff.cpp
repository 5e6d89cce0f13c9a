#include "ui/widgets/line_diff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace partita::ui {

namespace {

QStringList splitLines(const QString& text) {
  if (text.isEmpty()) return {};
  QStringList lines = text.split(QLatin1Char('\n'));
  if (lines.last().isEmpty()) lines.removeLast();
  return lines;
}

}  // namespace

LineDiff DiffLines(const QStringList& before, const QStringList& after, qint64 maxCells) {
  // The table holds 16-bit lengths: an LCS is at most min(n, m), which stays below 65,536 while n * m is
  // capped under 65,535²; a larger cap asked for is clamped.
  maxCells = std::min<qint64>(maxCells, qint64(65535) * 65535);
  LineDiff diff;
  const qsizetype n = before.size();
  const qsizetype m = after.size();
  qsizetype head = 0;
  while (head < n && head < m && before[head] == after[head]) ++head;
  qsizetype tail = 0;
  while (tail < n - head && tail < m - head && before[n - 1 - tail] == after[m - 1 - tail]) ++tail;

  const auto same = [&](qsizetype i, qsizetype j) {
    diff.lines.append({DiffLine::Kind::Same, before[i], int(i + 1), int(j + 1)});
  };
  const auto removed = [&](qsizetype i) {
    diff.lines.append({DiffLine::Kind::Removed, before[i], int(i + 1), 0});
    ++diff.removed;
  };
  const auto added = [&](qsizetype j) {
    diff.lines.append({DiffLine::Kind::Added, after[j], 0, int(j + 1)});
    ++diff.added;
  };

  for (qsizetype k = 0; k < head; ++k) same(k, k);
  const qsizetype rows = n - head - tail;  // the differing middle of `before`
  const qsizetype cols = m - head - tail;
  if (rows > 0 && cols > 0 && qint64(rows) * qint64(cols) > maxCells) {
    diff.whole = true;
    for (qsizetype i = 0; i < rows; ++i) removed(head + i);
    for (qsizetype j = 0; j < cols; ++j) added(head + j);
  } else if (rows > 0 || cols > 0) {
    // Lines as small integers, so the table compares ints rather than strings.
    QHash<QString, int> ids;
    const auto idOf = [&ids](const QString& line) {
      const auto found = ids.constFind(line);
      return found != ids.constEnd() ? found.value() : ids.insert(line, int(ids.size())).value();
    };
    std::vector<int> a(rows), b(cols);
    for (qsizetype i = 0; i < rows; ++i) a[i] = idOf(before[head + i]);
    for (qsizetype j = 0; j < cols; ++j) b[j] = idOf(after[head + j]);
    // lcs[i][j]: the LCS length of a[i..] and b[j..] (suffixes, so the walk below goes forwards).
    const qsizetype width = cols + 1;
    std::vector<quint16> lcs(size_t(rows + 1) * size_t(width), 0);
    for (qsizetype i = rows - 1; i >= 0; --i) {
      for (qsizetype j = cols - 1; j >= 0; --j) {
        lcs[i * width + j] = a[i] == b[j] ? quint16(lcs[(i + 1) * width + j + 1] + 1)
                                          : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    qsizetype i = 0, j = 0;
    while (i < rows || j < cols) {
      if (i < rows && j < cols && a[i] == b[j]) {
        same(head + i++, head + j++);
      } else if (j == cols || (i < rows && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        removed(head + i++);
      } else {
        added(head + j++);
      }
    }
  }
  for (qsizetype k = tail; k > 0; --k) same(n - k, m - k);
  return diff;
}

LineDiff DiffTexts(const QString& before, const QString& after, qint64 maxCells) {
  return DiffLines(splitLines(before), splitLines(after), maxCells);
}

}  // namespace partita::ui
