// The pure parts of partita-cli consumer-groups (kafka-consumer-groups.sh): the reset-offsets specs and their
// per-partition targets, Kafka's --to-datetime and --by-duration formats, the --topic T:0,1 form, and the
// tables (--describe offsets/members/state, --list --state, --reset-offsets) with Kafka's columns and '-' for
// unknown values. No I/O: the unit tests check them. Thread safety: free functions over values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/group_types.h"
#include "engine/common/status.h"

namespace partita::cli {

struct ResetSpec {
  enum class Kind { kEarliest, kLatest, kCurrent, kDatetime, kShiftBy, kToOffset, kByDuration };
  Kind kind = Kind::kEarliest;
  int64_t value = 0;  // shift, offset, timestamp ms (datetime) or duration ms
  // The ListOffsets timestamp the spec needs per partition (datetime, duration), given now.
  std::optional<int64_t> LookupTimestamp(int64_t now_ms) const;
};

// Kafka's --to-datetime: "YYYY-MM-DDTHH:mm:SS.sss" with an optional zone ("Z", "+hh:mm", "-hhmm"); without a
// zone the local time zone applies, as in Kafka. Milliseconds are optional.
Result<int64_t> ParseResetDatetime(const std::string& text);
// Kafka's --by-duration (java.time.Duration): "PnDTnHnMnS", e.g. "PT15M", "P1DT2H", "PT0.5S" -> ms.
Result<int64_t> ParseIsoDuration(const std::string& text);

// The new offset of one partition (Kafka's ResetOffsets rules):
//   earliest -> log_start; latest -> log_end; current -> committed (log_end without one);
//   shift-by -> committed + N; to-offset -> N; datetime/duration -> offset_for_time (log_end when -1);
// every result clamped into [log_start, log_end]. InvalidArgument when shift-by has no committed offset.
Result<int64_t> ResetTarget(const ResetSpec& spec, int64_t committed, int64_t log_start, int64_t log_end,
                            int64_t offset_for_time);

// A reset plan in Kafka's CSV (--export writes it, --from-file reads it): "topic,partition,offset" lines for one
// group, "group,topic,partition,offset" for several. `single_group` names the group of three-column lines.
using ResetPlan = std::map<std::string, std::map<TopicPartition, int64_t>>;
Result<ResetPlan> ParseResetPlanCsv(const std::string& text, const std::string& single_group);
std::string FormatResetPlanCsv(const ResetPlan& plan, bool with_group);

// "--topic T" (partitions empty: all) or "T:0,1".
struct TopicSelection {
  std::string topic;
  std::vector<int32_t> partitions;
};
Result<TopicSelection> ParseTopicSelection(const std::string& text);

// A table whose columns are as wide as their widest cell (Kafka's dynamic widths), separated by one space.
std::string FormatTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// "-" for -1, the number otherwise.
std::string OrDash(int64_t v);
std::string OrDash(const std::string& s);

// kafka-consumer-groups --describe (offsets): GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID
// HOST CLIENT-ID TIME-LAG; members without partitions get a row with '-' topic and partition, as in Kafka.
std::string FormatGroupOffsets(const client::GroupDescription& group, const std::vector<client::PartitionLag>& rows);
// --members: GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS; verbose adds GROUP-INSTANCE-ID and ASSIGNMENT
// ("t(0,1),u(2)").
std::string FormatGroupMembers(const client::GroupDescription& group, bool verbose);
// --state: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS; coordinator "host:port (id)".
std::string FormatGroupState(const client::GroupDescription& group, const std::string& coordinator_address);
// "t(0,1),u(2)".
std::string FormatAssignment(const std::vector<TopicPartition>& partitions);

}  // namespace partita::cli
