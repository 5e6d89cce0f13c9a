// Prometheus text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
// "# HELP name text", "# TYPE name kind", then one "name{label="value",...} number" line per sample.
// MetricWriter appends a family's header and samples to a string with the format's escaping rules (HELP text:
// backslash and newline; label values: backslash, double quote and newline) and number spellings
// (NaN, +Inf, -Inf). Names are checked: an invalid metric or label name is a programming error and the sample is
// dropped rather than producing text a scraper would reject.
// Thread safety: a MetricWriter is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/metrics/metric.h"

namespace partita::metrics {

// Label pairs in the order they are written.
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricKind { kCounter, kGauge, kHistogram };
std::string_view KindName(MetricKind kind);

bool IsValidMetricName(std::string_view name);
bool IsValidLabelName(std::string_view name);
std::string EscapeLabelValue(std::string_view value);
std::string FormatValue(double value);

class MetricWriter {
 public:
  explicit MetricWriter(std::string* out) : out_(out) {}
  // Writes "# HELP" and "# TYPE" for a family; samples of that family follow. Returns false (and writes
  // nothing) for an invalid name; samples of that family are then dropped too.
  bool BeginFamily(std::string_view name, std::string_view help, MetricKind kind);
  // One sample of the current family. `suffix` is appended to the family name ("_bucket", "_sum", "_count").
  void Sample(const Labels& labels, double value, std::string_view suffix = {});
  // All samples of one histogram child: cumulative buckets with "le", +Inf, _sum and _count.
  void HistogramSamples(const Labels& labels, const std::vector<double>& bounds, const Histogram::Snapshot& s);

 private:
  std::string* out_;
  std::string family_;
  bool family_ok_ = false;
};

}  // namespace partita::metrics
