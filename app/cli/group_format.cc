// Pure helpers of partita-cli consumer-groups (see group_format.h).
#include "app/cli/group_format.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "app/cli/cli_args.h"
#include "app/cli/cli_format.h"

namespace partita::cli {

std::optional<int64_t> ResetSpec::LookupTimestamp(int64_t now_ms) const {
  if (kind == Kind::kDatetime) return value;
  if (kind == Kind::kByDuration) return now_ms - value;
  return std::nullopt;
}

namespace {

// Reads exactly n digits at text[*pos].
bool Digits(const std::string& text, size_t* pos, size_t n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(const std::string& text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm): UTC without the process time zone.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + doe - 719468;
}

}  // namespace

Result<int64_t> ParseResetDatetime(const std::string& text) {
  const Status bad = Status::InvalidArgument("--to-datetime '" + text +
                                             "' is not in the form YYYY-MM-DDTHH:mm:SS.sss (optionally ending in Z or "
                                             "+hh:mm)");
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (!Digits(text, &pos, 4, &y) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &mo) ||
      !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &d) || !Expect(text, &pos, 'T') ||
      !Digits(text, &pos, 2, &h) || !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &mi) ||
      !Expect(text, &pos, ':') || !Digits(text, &pos, 2, &s)) {
    return bad;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (!Digits(text, &pos, 3, &ms)) return bad;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return bad;
  std::optional<int> zone_minutes;
  if (pos < text.size()) {
    if (text[pos] == 'Z' && pos + 1 == text.size()) {
      zone_minutes = 0;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const int sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int zh = 0, zm = 0;
      if (!Digits(text, &pos, 2, &zh)) return bad;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!Digits(text, &pos, 2, &zm) || pos != text.size()) return bad;
      zone_minutes = sign * (zh * 60 + zm);
    } else {
      return bad;
    }
  }
  if (zone_minutes) {
    const int64_t secs = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - *zone_minutes * 60;
    return secs * 1000 + ms;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return bad;
  return static_cast<int64_t>(t) * 1000 + ms;
}

Result<int64_t> ParseIsoDuration(const std::string& text) {
  const Status bad =
      Status::InvalidArgument("--by-duration '" + text + "' is not an ISO-8601 duration like PnDTnHnMnS (e.g. PT15M)");
  if (text.empty() || std::toupper(static_cast<unsigned char>(text[0])) != 'P') return bad;
  size_t pos = 1;
  int64_t total_ms = 0;
  bool time_part = false;
  bool any = false;
  while (pos < text.size()) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
    if (c == 'T') {
      if (time_part) return bad;
      time_part = true;
      ++pos;
      continue;
    }
    size_t start = pos;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) ++pos;
    if (pos == start || pos >= text.size()) return bad;
    const std::string number = text.substr(start, pos - start);
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    const size_t dot = number.find('.');
    if (dot != std::string::npos && unit != 'S') return bad;
    auto whole = ParseInt64(number.substr(0, dot), "--by-duration");
    if (!whole.ok() || *whole < 0) return bad;
    int64_t unit_ms = 0;
    if (!time_part && unit == 'D') {
      unit_ms = 86400000;
    } else if (time_part && unit == 'H') {
      unit_ms = 3600000;
    } else if (time_part && unit == 'M') {
      unit_ms = 60000;
    } else if (time_part && unit == 'S') {
      unit_ms = 1000;
    } else {
      return bad;
    }
    total_ms += *whole * unit_ms;
    if (dot != std::string::npos) {
      std::string frac = number.substr(dot + 1, 3);
      if (frac.empty() || frac.find('.') != std::string::npos) return bad;
      while (frac.size() < 3) frac += '0';
      total_ms += std::stoll(frac);
    }
    any = true;
  }
  if (!any) return bad;
  return total_ms;
}

Result<int64_t> ResetTarget(const ResetSpec& spec, int64_t committed, int64_t log_start, int64_t log_end,
                            int64_t offset_for_time) {
  int64_t target = 0;
  switch (spec.kind) {
    case ResetSpec::Kind::kEarliest: target = log_start; break;
    case ResetSpec::Kind::kLatest: target = log_end; break;
    case ResetSpec::Kind::kCurrent: target = committed >= 0 ? committed : log_end; break;
    case ResetSpec::Kind::kShiftBy:
      if (committed < 0) return Status::InvalidArgument("no committed offset to shift");
      target = committed + spec.value;
      break;
    case ResetSpec::Kind::kToOffset: target = spec.value; break;
    case ResetSpec::Kind::kDatetime:
    case ResetSpec::Kind::kByDuration: target = offset_for_time >= 0 ? offset_for_time : log_end; break;
  }
  // Kafka's checkOffsetRange: out-of-range targets move to the nearest end of the log.
  if (log_end >= 0 && target > log_end) target = log_end;
  if (log_start >= 0 && target < log_start) target = log_start;
  return target;
}

Result<ResetPlan> ParseResetPlanCsv(const std::string& text, const std::string& single_group) {
  ResetPlan plan;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    for (size_t from = 0;;) {
      const size_t comma = line.find(',', from);
      fields.push_back(line.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    const std::string where = "reset plan line " + std::to_string(line_no);
    if (fields.size() != 3 && fields.size() != 4) {
      return Status::InvalidArgument(where + ": expected topic,partition,offset or group,topic,partition,offset");
    }
    const bool with_group = fields.size() == 4;
    if (!with_group && single_group.empty()) {
      return Status::InvalidArgument(where + ": three-column lines need exactly one --group");
    }
    const size_t first = with_group ? 1 : 0;
    auto partition = ParseInt32(fields[first + 1], where + " partition");
    if (!partition.ok()) return partition.status();
    auto offset = ParseInt64(fields[first + 2], where + " offset");
    if (!offset.ok()) return offset.status();
    if (fields[first].empty()) return Status::InvalidArgument(where + ": empty topic");
    plan[with_group ? fields[0] : single_group][{fields[first], PartitionId(*partition)}] = *offset;
  }
  return plan;
}

std::string FormatResetPlanCsv(const ResetPlan& plan, bool with_group) {
  std::string out;
  for (const auto& [group, offsets] : plan) {
    for (const auto& [tp, offset] : offsets) {
      if (with_group) out += group + ",";
      out += tp.topic + "," + std::to_string(tp.partition.value) + "," + std::to_string(offset) + "\n";
    }
  }
  return out;
}

Result<TopicSelection> ParseTopicSelection(const std::string& text) {
  TopicSelection sel;
  const size_t colon = text.find(':');
  sel.topic = text.substr(0, colon);
  if (sel.topic.empty()) return Status::InvalidArgument("--topic '" + text + "' has no topic name");
  if (colon != std::string::npos) {
    auto ids = ParseIntList(text.substr(colon + 1), "--topic partitions");
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return Status::InvalidArgument("--topic '" + text + "' lists no partition after ':'");
    sel.partitions = *ids;
  }
  return sel;
}

std::string FormatTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) {
      out += cells[c];
      if (c + 1 < cells.size()) out += std::string(width[c] - cells[c].size() + 1, ' ');
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string OrDash(int64_t v) { return v < 0 ? "-" : std::to_string(v); }
std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

std::string FormatAssignment(const std::vector<TopicPartition>& partitions) {
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const auto& tp : partitions) by_topic[tp.topic].push_back(tp.partition.value);
  std::string out;
  for (auto& [topic, ids] : by_topic) {
    std::sort(ids.begin(), ids.end());
    if (!out.empty()) out += ",";
    out += topic + "(" + JoinIds(ids) + ")";
  }
  return out.empty() ? "-" : out;
}

std::string FormatGroupOffsets(const client::GroupDescription& group, const std::vector<client::PartitionLag>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    cells.push_back({group.group_id, r.tp.topic, std::to_string(r.tp.partition.value), OrDash(r.committed),
                     OrDash(r.log_end), OrDash(r.lag), OrDash(r.member_id), OrDash(r.host), OrDash(r.client_id),
                     OrDash(r.time_lag_ms)});
  }
  for (const auto& m : group.members) {
    if (!m.assignment.empty()) continue;
    cells.push_back({group.group_id, "-", "-", "-", "-", "-", m.member_id, OrDash(m.host), OrDash(m.client_id), "-"});
  }
  return FormatTable({"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                      "CLIENT-ID", "TIME-LAG-MS"},
                     cells);
}

std::string FormatGroupMembers(const client::GroupDescription& group, bool verbose) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& m : group.members) {
    if (verbose) {
      cells.push_back({group.group_id, m.member_id, m.group_instance_id.value_or("-"), OrDash(m.host),
                       OrDash(m.client_id), std::to_string(m.assignment.size()), FormatAssignment(m.assignment)});
    } else {
      cells.push_back({group.group_id, m.member_id, OrDash(m.host), OrDash(m.client_id),
                       std::to_string(m.assignment.size())});
    }
  }
  if (verbose) {
    return FormatTable({"GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT"},
                       cells);
  }
  return FormatTable({"GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"}, cells);
}

std::string FormatGroupState(const client::GroupDescription& group, const std::string& coordinator_address) {
  const std::string coordinator = coordinator_address + " (" + std::to_string(group.coordinator) + ")";
  return FormatTable({"GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"},
                     {{group.group_id, coordinator, OrDash(group.protocol), group.state,
                       std::to_string(group.members.size())}});
}

}  // namespace partita::cli
