// A strict reader of the Prometheus text exposition format 0.0.4, written from the format's specification
// (https://prometheus.io/docs/instrumenting/exposition_formats/) independently of engine/metrics, so tests can
// check what a scraper would accept: HELP/TYPE lines, metric and label names, quoted and escaped label values,
// float values (NaN, +Inf, -Inf), one TYPE per family given before its samples, a family's samples together,
// histogram buckets cumulative with an "le" label and +Inf equal to _count, no duplicate series.
// Header-only; used by the unit test of engine/metrics and by the integration test that scrapes a broker.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace partita::testing {

struct PromSample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

struct PromText {
  std::map<std::string, std::string> types;  // family -> kind
  std::vector<PromSample> samples;
  std::string error;  // empty when the text is valid; else "line N: what"

  // The value of the series `name` whose labels include all of `want`; nullopt if none. With several matches
  // the values are summed (e.g. a counter over all topics).
  std::optional<double> Sum(const std::string& name, const std::vector<std::pair<std::string, std::string>>& want = {}) const {
    std::optional<double> total;
    for (const auto& s : samples) {
      if (s.name != name) continue;
      bool match = true;
      for (const auto& w : want) {
        bool found = false;
        for (const auto& l : s.labels) found = found || l == w;
        match = match && found;
      }
      if (match) total = total.value_or(0) + s.value;
    }
    return total;
  }
};

namespace prom_detail {

inline bool NameChar(char c, bool first, bool colon) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':') ||
         (!first && c >= '0' && c <= '9');
}

inline bool ReadName(const std::string& s, size_t& i, bool colon, std::string* out) {
  const size_t start = i;
  while (i < s.size() && NameChar(s[i], i == start, colon)) ++i;
  *out = s.substr(start, i - start);
  return i > start;
}

inline bool ParseValue(const std::string& text, double* out) {
  if (text == "NaN") return *out = std::nan(""), true;
  if (text == "+Inf" || text == "Inf") return *out = INFINITY, true;
  if (text == "-Inf") return *out = -INFINITY, true;
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end && *end == 0 && text.find_first_of("xXpP") == std::string::npos;
}

// The family a sample belongs to: histogram samples carry _bucket/_sum/_count.
inline std::string FamilyOf(const std::string& name, const std::map<std::string, std::string>& types) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string sfx = suffix;
    if (name.size() > sfx.size() && name.compare(name.size() - sfx.size(), sfx.size(), sfx) == 0) {
      const std::string base = name.substr(0, name.size() - sfx.size());
      auto it = types.find(base);
      if (it != types.end() && (it->second == "histogram" || it->second == "summary")) return base;
    }
  }
  return name;
}

}  // namespace prom_detail

inline PromText ParsePrometheusText(const std::string& text) {
  using namespace prom_detail;
  PromText out;
  std::set<std::string> finished;  // families whose samples ended
  std::string current;             // family of the previous sample
  std::set<std::string> series;
  size_t line_no = 0, pos = 0;
  auto fail = [&](const std::string& what) {
    out.error = "line " + std::to_string(line_no) + ": " + what;
    return out;
  };
  if (!text.empty() && text.back() != '\n') return fail("the text does not end with a newline");
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line[0] == '#') {
      size_t i = 1;
      while (i < line.size() && line[i] == ' ') ++i;
      const bool help = line.compare(i, 5, "HELP ") == 0;
      const bool type = line.compare(i, 5, "TYPE ") == 0;
      if (!help && !type) continue;  // a plain comment
      i += 5;
      std::string name;
      if (!ReadName(line, i, true, &name)) return fail("bad metric name in " + line);
      if (type) {
        if (i >= line.size() || line[i] != ' ') return fail("TYPE without a kind");
        const std::string kind = line.substr(i + 1);
        if (kind != "counter" && kind != "gauge" && kind != "histogram" && kind != "summary" && kind != "untyped") {
          return fail("unknown kind " + kind);
        }
        if (out.types.count(name)) return fail("second TYPE for " + name);
        if (finished.count(name) || current == name) return fail("TYPE for " + name + " after its samples");
        out.types[name] = kind;
      } else {
        for (size_t k = i; k < line.size(); ++k) {
          if (line[k] == '\\' && (k + 1 >= line.size() || (line[k + 1] != '\\' && line[k + 1] != 'n'))) {
            return fail("bad escape in HELP");
          }
          if (line[k] == '\\') ++k;
        }
      }
      continue;
    }
    PromSample s;
    size_t i = 0;
    if (!ReadName(line, i, true, &s.name)) return fail("bad metric name: " + line);
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        std::string label;
        if (!ReadName(line, i, false, &label)) return fail("bad label name: " + line);
        if (label.rfind("__", 0) == 0) return fail("reserved label name " + label);
        if (line.compare(i, 2, "=\"") != 0) return fail("expected =\" after label " + label);
        i += 2;
        std::string value;
        bool closed = false;
        while (i < line.size()) {
          const char c = line[i++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (i >= line.size()) return fail("dangling escape");
            const char e = line[i++];
            if (e == 'n') {
              value += '\n';
            } else if (e == '\\' || e == '"') {
              value += e;
            } else {
              return fail("bad escape in a label value");
            }
          } else {
            value += c;
          }
        }
        if (!closed) return fail("unterminated label value");
        for (const auto& l : s.labels) {
          if (l.first == label) return fail("label " + label + " twice");
        }
        s.labels.emplace_back(label, value);
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) return fail("unterminated label set");
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') return fail("expected a space before the value: " + line);
    ++i;
    std::string rest = line.substr(i);
    const size_t space = rest.find(' ');
    const std::string value_text = rest.substr(0, space);
    if (!ParseValue(value_text, &s.value)) return fail("bad value '" + value_text + "'");
    if (space != std::string::npos) {
      const std::string ts = rest.substr(space + 1);
      if (ts.empty() || ts.find_first_not_of("-0123456789") != std::string::npos) return fail("bad timestamp");
    }
    const std::string family = FamilyOf(s.name, out.types);
    if (family != current) {
      if (finished.count(family)) return fail("samples of " + family + " are not together");
      if (!current.empty()) finished.insert(current);
      current = family;
    }
    std::string key = s.name + "{";
    auto sorted = s.labels;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [k, v] : sorted) key += k + "=" + v + ",";
    if (!series.insert(key + "}").second) return fail("duplicate series " + key + "}");
    out.samples.push_back(std::move(s));
  }
  // Histograms: cumulative buckets with le, ending at +Inf == _count.
  for (const auto& [family, kind] : out.types) {
    if (kind != "histogram") continue;
    std::map<std::vector<std::pair<std::string, std::string>>, std::vector<std::pair<double, double>>> buckets;
    std::map<std::vector<std::pair<std::string, std::string>>, double> counts;
    for (const auto& s : out.samples) {
      auto labels = s.labels;
      if (s.name == family + "_bucket") {
        auto le = std::find_if(labels.begin(), labels.end(), [](const auto& l) { return l.first == "le"; });
        double bound = 0;
        if (le == labels.end() || !ParseValue(le->second, &bound)) {
          out.error = family + ": bucket without a valid le";
          return out;
        }
        labels.erase(le);
        buckets[labels].emplace_back(bound, s.value);
      } else if (s.name == family + "_count") {
        counts[labels] = s.value;
      }
    }
    for (auto& [labels, b] : buckets) {
      for (size_t k = 1; k < b.size(); ++k) {
        if (!(b[k].first > b[k - 1].first) || b[k].second < b[k - 1].second) {
          out.error = family + ": buckets not increasing and cumulative";
          return out;
        }
      }
      if (b.empty() || !std::isinf(b.back().first) || !counts.count(labels) || counts[labels] != b.back().second) {
        out.error = family + ": the +Inf bucket must exist and equal _count";
        return out;
      }
    }
  }
  return out;
}

}  // namespace partita::testing
