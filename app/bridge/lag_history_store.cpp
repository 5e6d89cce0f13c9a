#include "app/bridge/lag_history_store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace partita::app {

namespace {

constexpr char kHeader[] = "# partita lag history v1: time_ms,topic,partition,lag\n";

QByteArray line(qint64 timeMs, const PartitionRef& tp, qint64 lag) {
  QByteArray out = QByteArray::number(timeMs);
  out += ',';
  out += tp.topic.toUtf8();
  out += ',';
  out += QByteArray::number(tp.partition);
  out += ',';
  out += QByteArray::number(lag);
  out += '\n';
  return out;
}

void appendPoint(LagSeries* series, qint64 timeMs, qint64 lag) {
  series->timesMs.append(timeMs);
  series->lags.append(lag);
}

LagSeries* seriesFor(LagHistory* history, const PartitionRef& tp) {
  if (tp.partition < 0) return &history->total;
  auto it = std::lower_bound(history->partitions.begin(), history->partitions.end(), tp,
                             [](const LagSeries& s, const PartitionRef& key) { return s.tp < key; });
  if (it == history->partitions.end() || !(it->tp == tp)) {
    LagSeries fresh;
    fresh.tp = tp;
    it = history->partitions.insert(it, fresh);
  }
  return &*it;
}

// Sorts a series read from disk by time (appends are in time order unless the clock stepped back).
void sortByTime(LagSeries* series) {
  QList<QPair<qint64, qint64>> points;
  points.reserve(series->timesMs.size());
  for (qsizetype i = 0; i < series->timesMs.size(); ++i) points.append({series->timesMs[i], series->lags[i]});
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (qsizetype i = 0; i < points.size(); ++i) {
    series->timesMs[i] = points[i].first;
    series->lags[i] = points[i].second;
  }
}

qsizetype pointCount(const LagHistory& history) {
  qsizetype n = history.total.timesMs.size();
  for (const LagSeries& s : history.partitions) n += s.timesMs.size();
  return n;
}

}  // namespace

LagHistoryStore::LagHistoryStore(const QString& directory) : LagHistoryStore(directory, Limits()) {}

LagHistoryStore::LagHistoryStore(const QString& directory, const Limits& limits)
    : m_directory(directory), m_limits(limits) {}

QString LagHistoryStore::defaultDirectory(const QString& clusterKey) {
  QString safe;
  for (QChar c : clusterKey) safe += (c.isLetterOrNumber() || c == u'.' || c == u'-') ? c : QChar(u'_');
  if (safe.isEmpty()) safe = QStringLiteral("default");
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/lag-history/") +
         safe.left(120);
}

QString LagHistoryStore::fileNameFor(const QString& group) {
  // Percent-encoding keeps names readable and free of '/'; very long ids fall back to a hash (NAME_MAX).
  QByteArray encoded = QUrl::toPercentEncoding(group);
  if (encoded.startsWith('.')) encoded.replace(0, 1, "%2E");  // no hidden files, no "." or ".."
  if (encoded.size() <= 200 && !encoded.isEmpty()) return QString::fromLatin1(encoded) + QStringLiteral(".csv");
  return QString::fromLatin1(QCryptographicHash::hash(group.toUtf8(), QCryptographicHash::Sha1).toHex()) +
         QStringLiteral(".csv");
}

LagSeries LagHistoryStore::thin(const LagSeries& series, qint64 nowMs, const Limits& limits) {
  LagSeries out;
  out.tp = series.tp;
  qint64 lastStep = 0, lastBucket = 0;  // bucket of the last kept point when it is a thinned one
  for (qsizetype i = 0; i < series.timesMs.size(); ++i) {
    const qint64 t = series.timesMs[i];
    const qint64 lag = series.lags[i];
    const qint64 age = nowMs - t;
    if (age > limits.keepMs) continue;
    if (age <= limits.fullResolutionMs) {
      appendPoint(&out, t, lag);
      lastStep = 0;
      continue;
    }
    const qint64 step = age <= limits.fineResolutionMs ? limits.fineStepMs : limits.coarseStepMs;
    const qint64 bucket = t / step;
    if (lastStep == step && lastBucket == bucket && !out.timesMs.isEmpty()) {
      out.timesMs.last() = std::max(out.timesMs.last(), t);
      out.lags.last() = std::max(out.lags.last(), lag);
      continue;
    }
    appendPoint(&out, t, lag);
    lastStep = step;
    lastBucket = bucket;
  }
  return out;
}

LagHistoryStore::GroupData& LagHistoryStore::load(const QString& group) {
  auto it = m_groups.find(group);
  if (it != m_groups.end()) return *it;
  GroupData& data = m_groups[group];
  QFile file(m_directory + QLatin1Char('/') + fileNameFor(group));
  if (!file.open(QIODevice::ReadOnly)) return data;  // no history yet
  QMap<PartitionRef, LagSeries> partitions;
  qint64 newest = 0;
  bool malformed = false;
  while (!file.atEnd()) {
    const QByteArray raw = file.readLine();
    if (raw.startsWith('#')) continue;
    const QList<QByteArray> fields = raw.trimmed().split(',');
    bool ok[3] = {false, false, false};
    if (fields.size() == 4) {
      const qint64 t = fields[0].toLongLong(&ok[0]);
      const int partition = fields[2].toInt(&ok[1]);
      const qint64 lag = fields[3].toLongLong(&ok[2]);
      if (ok[0] && ok[1] && ok[2] && lag >= 0) {
        const PartitionRef tp{QString::fromUtf8(fields[1]), partition};
        LagSeries* series = tp.partition < 0 ? &data.history.total : &partitions[tp];
        series->tp = tp;
        appendPoint(series, t, lag);
        newest = std::max(newest, t);
        continue;
      }
    }
    malformed = true;  // a torn tail or a foreign line: skip it and rewrite the file below
  }
  data.fileBytes = file.size();
  data.bytesAfterCompaction = data.fileBytes;
  data.history.total.tp = PartitionRef{QString(), -1};
  sortByTime(&data.history.total);
  for (LagSeries& series : partitions) {
    sortByTime(&series);
    data.history.partitions.append(series);
  }
  const qsizetype before = pointCount(data.history);
  const qint64 now = std::max(newest, QDateTime::currentMSecsSinceEpoch());
  data.history.total = thin(data.history.total, now, m_limits);
  for (LagSeries& series : data.history.partitions) series = thin(series, now, m_limits);
  if (malformed || pointCount(data.history) != before) rewrite(group, data);
  return data;
}

void LagHistoryStore::rewrite(const QString& group, GroupData& data) {
  if (!QDir().mkpath(m_directory)) {
    m_lastError = QStringLiteral("cannot create %1").arg(m_directory);
    return;
  }
  QSaveFile file(m_directory + QLatin1Char('/') + fileNameFor(group));
  if (!file.open(QIODevice::WriteOnly)) {
    m_lastError = file.errorString();
    return;
  }
  QByteArray out(kHeader);
  const LagSeries& total = data.history.total;
  for (qsizetype i = 0; i < total.timesMs.size(); ++i) out += line(total.timesMs[i], total.tp, total.lags[i]);
  for (const LagSeries& series : data.history.partitions)
    for (qsizetype i = 0; i < series.timesMs.size(); ++i) out += line(series.timesMs[i], series.tp, series.lags[i]);
  file.write(out);
  if (!file.commit()) {
    m_lastError = file.errorString();
    return;
  }
  data.fileBytes = out.size();
  data.bytesAfterCompaction = out.size();
}

void LagHistoryStore::record(const QString& group, const LagSample& sample) {
  GroupData& data = load(group);
  const PartitionRef totalRef{QString(), -1};
  data.history.total.tp = totalRef;
  QByteArray out;
  if (data.fileBytes == 0) out += kHeader;
  appendPoint(&data.history.total, sample.timeMs, sample.totalLag);
  out += line(sample.timeMs, totalRef, sample.totalLag);
  for (const auto& [tp, lag] : sample.partitions) {
    if (lag < 0) continue;
    appendPoint(seriesFor(&data.history, tp), sample.timeMs, lag);
    out += line(sample.timeMs, tp, lag);
  }
  if (!QDir().mkpath(m_directory)) {
    m_lastError = QStringLiteral("cannot create %1").arg(m_directory);
    return;
  }
  QFile file(m_directory + QLatin1Char('/') + fileNameFor(group));
  if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(out) != out.size()) {
    m_lastError = file.errorString();
    return;
  }
  data.fileBytes += out.size();
  if (data.fileBytes > std::max(m_limits.compactAtBytes, 2 * data.bytesAfterCompaction)) compact(group, sample.timeMs);
}

LagHistory LagHistoryStore::history(const QString& group) { return load(group).history; }

void LagHistoryStore::compact(const QString& group, qint64 nowMs) {
  GroupData& data = load(group);
  data.history.total = thin(data.history.total, nowMs, m_limits);
  QList<LagSeries> kept;
  for (const LagSeries& series : data.history.partitions) {
    LagSeries thinned = thin(series, nowMs, m_limits);
    if (!thinned.timesMs.isEmpty()) kept.append(thinned);  // partitions gone for a week drop out
  }
  data.history.partitions = kept;
  rewrite(group, data);
}

}  // namespace partita::app
