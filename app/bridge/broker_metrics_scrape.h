// What the Cluster page charts from a broker's Prometheus endpoint (metrics.listener, README "Metrics"): a few
// counters and two request-time histograms read out of one /metrics answer, and the rates and latencies between
// two such readings. Only the families listed in parseBrokerMetrics are read; every other line is skipped
// unparsed, and a malformed line is skipped rather than failing the scrape (the broker may be a newer version).
// Also scrapeBrokerMetrics: one bounded, short-timeout HTTP GET of /metrics.
// Thread safety: free functions on values; scrapeBrokerMetrics blocks (call it off the GUI thread).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace partita::app {

// A Prometheus histogram: cumulative bucket counts by upper bound (ascending, +Inf last), _sum and _count.
struct HistogramReading {
  QList<QPair<double, double>> buckets;  // (le, cumulative count)
  double sum = 0;
  double count = 0;
  bool present = false;
};

// The counters of one scrape, as the broker exports them (engine/broker/broker_metrics.cc).
struct BrokerMetricsReading {
  qint64 takenMs = 0;
  bool bytesInPresent = false;  // kafka_server_bytes_in_total was in the answer: it is one of our brokers
  double bytesIn = 0;           // kafka_server_bytes_in_total
  double bytesOut = 0;          // kafka_server_bytes_out_total
  double messagesIn = 0;        // kafka_server_messages_in_total
  double isrShrinks = 0;        // kafka_server_isr_shrinks_total
  double isrExpands = 0;        // kafka_server_isr_expands_total
  HistogramReading produceTime;  // kafka_network_request_total_time_seconds{request="Produce"}
  HistogramReading fetchTime;    // kafka_network_request_total_time_seconds{request="Fetch"}
};

// Rates between two readings of one broker. Latencies are of the requests answered between them, in ms; -1 when
// none was answered.
struct BrokerMetricsRates {
  double bytesInPerSec = 0;
  double bytesOutPerSec = 0;
  double messagesInPerSec = 0;
  double isrShrinksPerSec = 0;
  double isrExpandsPerSec = 0;
  double produceP99Ms = -1;
  double fetchP99Ms = -1;
  double produceMeanMs = -1;
  double fetchMeanMs = -1;
};

// Reads the families above from Prometheus text format 0.0.4.
BrokerMetricsReading parseBrokerMetrics(const QByteArray& text, qint64 takenMs);

// The quantile q (0..1) of the observations between two readings of one histogram, interpolated linearly within
// the bucket it falls in (as Prometheus' histogram_quantile); -1 when nothing was observed in between. A quantile
// in the +Inf bucket is reported as the highest finite bound.
double histogramQuantile(const HistogramReading& before, const HistogramReading& after, double q);

// Rates from `before` to `after` (after.takenMs > before.takenMs). A counter that went down (the broker
// restarted) counts from zero.
BrokerMetricsRates metricsRates(const BrokerMetricsReading& before, const BrokerMetricsReading& after);

// GET http://host:port/metrics with a short timeout and a bounded answer; the body, or an error text.
QByteArray scrapeBrokerMetrics(const QString& host, int port, int timeoutMs, QString* error);

// "http://127.0.0.1:9644" (a metrics.listener value) as host and port; false when it names no usable port (port 0
// is "any free port", unknown to a reader). A wildcard host (0.0.0.0, ::, empty) becomes `brokerHost`.
bool metricsEndpointFrom(const QString& listener, const QString& brokerHost, QString* host, int* port);

}  // namespace partita::app
