#include "engine/metrics/exposition.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace partita::metrics {

namespace {

bool IsNameStart(char c, bool colon_ok) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_ok && c == ':');
}

bool IsName(std::string_view name, bool colon_ok) {
  if (name.empty() || !IsNameStart(name[0], colon_ok)) return false;
  for (char c : name) {
    if (!IsNameStart(c, colon_ok) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string EscapeHelp(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view KindName(MetricKind kind) {
  switch (kind) {
    case MetricKind::kCounter: return "counter";
    case MetricKind::kGauge: return "gauge";
    case MetricKind::kHistogram: return "histogram";
  }
  return "untyped";
}

bool IsValidMetricName(std::string_view name) { return IsName(name, true); }

// Names starting with "__" are reserved for Prometheus itself.
bool IsValidLabelName(std::string_view name) { return IsName(name, false) && name.substr(0, 2) != "__"; }

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Integral values (all counters, most gauges) print exactly and without an exponent up to 2^53.
  if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  // The shortest spelling that reads back as the same double (0.00025, not 0.00025000000000000001).
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

bool MetricWriter::BeginFamily(std::string_view name, std::string_view help, MetricKind kind) {
  family_.assign(name);
  family_ok_ = IsValidMetricName(name);
  if (!family_ok_) return false;
  out_->append("# HELP ").append(name).append(" ").append(EscapeHelp(help)).append("\n");
  out_->append("# TYPE ").append(name).append(" ").append(KindName(kind)).append("\n");
  return true;
}

void MetricWriter::Sample(const Labels& labels, double value, std::string_view suffix) {
  if (!family_ok_) return;
  for (const auto& [k, v] : labels) {
    if (!IsValidLabelName(k)) return;
  }
  out_->append(family_).append(suffix);
  if (!labels.empty()) {
    out_->push_back('{');
    bool first = true;
    for (const auto& [k, v] : labels) {
      if (!first) out_->push_back(',');
      first = false;
      out_->append(k).append("=\"").append(EscapeLabelValue(v)).append("\"");
    }
    out_->push_back('}');
  }
  out_->push_back(' ');
  out_->append(FormatValue(value)).push_back('\n');
}

void MetricWriter::HistogramSamples(const Labels& labels, const std::vector<double>& bounds,
                                    const Histogram::Snapshot& s) {
  Labels with_le = labels;
  with_le.emplace_back("le", "");
  for (size_t i = 0; i < bounds.size(); ++i) {
    with_le.back().second = FormatValue(bounds[i]);
    Sample(with_le, static_cast<double>(s.cumulative[i]), "_bucket");
  }
  with_le.back().second = "+Inf";
  Sample(with_le, static_cast<double>(s.count), "_bucket");
  Sample(labels, s.sum, "_sum");
  Sample(labels, static_cast<double>(s.count), "_count");
}

}  // namespace partita::metrics
