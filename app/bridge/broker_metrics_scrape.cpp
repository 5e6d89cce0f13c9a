#include "app/bridge/broker_metrics_scrape.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/metrics/http_client.h"

namespace partita::app {
namespace {

// Larger answers are refused: a broker with many topics and groups answers in a few hundred KiB.
constexpr size_t kMaxScrapeBytes = 8 << 20;

// A sample value or an "le" bound; *ok says whether `s` is a number (the infinities included).
double parseNumber(const QByteArray& s, bool* ok) {
  *ok = true;
  if (s == "+Inf" || s == "Inf") return std::numeric_limits<double>::infinity();
  if (s == "-Inf") return -std::numeric_limits<double>::infinity();
  return s.toDouble(ok);
}

// The value of label `name` in `labels` ("a=\"x\",b=\"y\""); empty when absent. Escapes are kept as written:
// the labels read here (request, le) never contain any.
QByteArray labelValue(const QByteArray& labels, const QByteArray& name) {
  const QByteArray key = name + "=\"";
  qsizetype at = 0;
  while ((at = labels.indexOf(key, at)) >= 0) {
    if (at == 0 || labels[at - 1] == ',' || labels[at - 1] == ' ') {
      const qsizetype start = at + key.size();
      const qsizetype end = labels.indexOf('"', start);
      return end < 0 ? QByteArray() : labels.mid(start, end - start);
    }
    at += key.size();
  }
  return {};
}

void addToHistogram(HistogramReading* h, const QByteArray& suffix, const QByteArray& labels, double value) {
  h->present = true;
  if (suffix == "_sum") {
    h->sum = value;
  } else if (suffix == "_count") {
    h->count = value;
  } else if (suffix == "_bucket") {
    bool ok = false;
    const double le = parseNumber(labelValue(labels, "le"), &ok);
    if (ok) h->buckets.append({le, value});
  }
}

// Observations between two readings with bound <= le, per bucket of `after`.
QList<QPair<double, double>> bucketDeltas(const HistogramReading& before, const HistogramReading& after) {
  QList<QPair<double, double>> out;
  const bool reset = after.count < before.count;
  for (const auto& [le, n] : after.buckets) {
    double previous = 0;
    if (!reset)
      for (const auto& [le0, n0] : before.buckets)
        if (le0 == le) previous = n0;
    out.append({le, std::max(0.0, n - previous)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

double counterRate(double before, double after, double seconds) {
  const double delta = after >= before ? after - before : after;  // a restarted broker counts from zero
  return delta / seconds;
}

}  // namespace

BrokerMetricsReading parseBrokerMetrics(const QByteArray& text, qint64 takenMs) {
  BrokerMetricsReading r;
  r.takenMs = takenMs;
  static const QByteArray kRequestTime = "kafka_network_request_total_time_seconds";
  qsizetype pos = 0;
  while (pos < text.size()) {
    qsizetype end = text.indexOf('\n', pos);
    if (end < 0) end = text.size();
    const QByteArray line = text.mid(pos, end - pos).trimmed();
    pos = end + 1;
    if (line.isEmpty() || line.startsWith('#') || !line.startsWith("kafka_")) continue;
    // name{labels} value [timestamp]
    const qsizetype brace = line.indexOf('{');
    const qsizetype space = line.indexOf(' ');
    if (space < 0) continue;
    QByteArray name, labels;
    qsizetype valueStart = space + 1;
    if (brace >= 0 && brace < space) {
      const qsizetype close = line.lastIndexOf('}');
      if (close < brace) continue;
      name = line.left(brace);
      labels = line.mid(brace + 1, close - brace - 1);
      valueStart = close + 1;
    } else {
      name = line.left(space);
    }
    QByteArray valueText = line.mid(valueStart).trimmed();
    if (const qsizetype sp = valueText.indexOf(' '); sp >= 0) valueText.truncate(sp);  // drop a timestamp
    bool ok = false;
    const double value = parseNumber(valueText, &ok);
    if (!ok) continue;

    if (name == "kafka_server_bytes_in_total") {
      r.bytesIn = value;
      r.bytesInPresent = true;
    } else if (name == "kafka_server_bytes_out_total") {
      r.bytesOut = value;
    } else if (name == "kafka_server_messages_in_total") {
      r.messagesIn = value;
    } else if (name == "kafka_server_isr_shrinks_total") {
      r.isrShrinks = value;
    } else if (name == "kafka_server_isr_expands_total") {
      r.isrExpands = value;
    } else if (name.startsWith(kRequestTime)) {
      const QByteArray suffix = name.mid(kRequestTime.size());
      const QByteArray request = labelValue(labels, "request");
      if (request == "Produce") addToHistogram(&r.produceTime, suffix, labels, value);
      if (request == "Fetch") addToHistogram(&r.fetchTime, suffix, labels, value);
    }
  }
  return r;
}

double histogramQuantile(const HistogramReading& before, const HistogramReading& after, double q) {
  const QList<QPair<double, double>> deltas = bucketDeltas(before, after);
  if (deltas.isEmpty()) return -1;
  const double total = deltas.last().second;  // the +Inf bucket: every observation
  if (total <= 0) return -1;
  const double rank = q * total;
  double lowerBound = 0, lowerCount = 0, highestFinite = 0;
  for (const auto& [le, n] : deltas) {
    if (!std::isinf(le)) highestFinite = le;
    if (n >= rank) {
      if (std::isinf(le)) return highestFinite;
      if (n == lowerCount) return le;
      return lowerBound + (le - lowerBound) * (rank - lowerCount) / (n - lowerCount);
    }
    lowerBound = le;
    lowerCount = n;
  }
  return highestFinite;
}

BrokerMetricsRates metricsRates(const BrokerMetricsReading& before, const BrokerMetricsReading& after) {
  BrokerMetricsRates rates;
  const double seconds = (after.takenMs - before.takenMs) / 1000.0;
  if (seconds <= 0) return rates;
  rates.bytesInPerSec = counterRate(before.bytesIn, after.bytesIn, seconds);
  rates.bytesOutPerSec = counterRate(before.bytesOut, after.bytesOut, seconds);
  rates.messagesInPerSec = counterRate(before.messagesIn, after.messagesIn, seconds);
  rates.isrShrinksPerSec = counterRate(before.isrShrinks, after.isrShrinks, seconds);
  rates.isrExpandsPerSec = counterRate(before.isrExpands, after.isrExpands, seconds);
  auto latency = [](const HistogramReading& b, const HistogramReading& a, double* p99, double* mean) {
    const bool reset = a.count < b.count;
    const double n = reset ? a.count : a.count - b.count;
    if (n <= 0) return;
    *mean = (reset ? a.sum : a.sum - b.sum) / n * 1000.0;
    const double q = histogramQuantile(b, a, 0.99);
    if (q >= 0) *p99 = q * 1000.0;
  };
  latency(before.produceTime, after.produceTime, &rates.produceP99Ms, &rates.produceMeanMs);
  latency(before.fetchTime, after.fetchTime, &rates.fetchP99Ms, &rates.fetchMeanMs);
  return rates;
}

QByteArray scrapeBrokerMetrics(const QString& host, int port, int timeoutMs, QString* error) {
  metrics::HttpCallOptions options;
  options.timeout = std::chrono::milliseconds(timeoutMs);
  options.max_body_bytes = kMaxScrapeBytes;
  auto answer = metrics::HttpCall(host.toStdString(), port, "GET", "/metrics", {}, {}, options);
  if (!answer.ok()) {
    *error = QString::fromStdString(answer.status().ToString());
    return {};
  }
  if (answer->status != 200) {
    *error = QStringLiteral("HTTP %1 from http://%2:%3/metrics").arg(answer->status).arg(host).arg(port);
    return {};
  }
  return QByteArray::fromStdString(answer->body);
}

bool metricsEndpointFrom(const QString& listener, const QString& brokerHost, QString* host, int* port) {
  QString spec = listener.trimmed();
  if (spec.startsWith(QLatin1String("https://"))) return false;  // the broker serves http only
  if (spec.startsWith(QLatin1String("http://"))) spec = spec.mid(7);
  if (const qsizetype slash = spec.indexOf(QLatin1Char('/')); slash >= 0) spec.truncate(slash);
  const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
  if (colon < 0) return false;
  bool ok = false;
  const int p = spec.mid(colon + 1).toInt(&ok);
  if (!ok || p <= 0 || p > 65535) return false;
  QString h = spec.left(colon);
  if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']'))) h = h.mid(1, h.size() - 2);
  if (h.isEmpty() || h == QLatin1String("0.0.0.0") || h == QLatin1String("::")) h = brokerHost;
  *host = h;
  *port = p;
  return true;
}

}  // namespace partita::app
