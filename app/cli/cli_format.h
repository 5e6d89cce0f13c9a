// Output formats and file formats of partita-cli, matching Kafka's tools so that users' scripts keep working:
// kafka-topics --describe lines, kafka-configs --describe lines, kafka-get-offsets "topic:partition:offset",
// the reassignment JSON files of kafka-reassign-partitions (nlohmann-json), the round-robin assignment of
// --generate, and kafka-dump-log lines. Pure functions over client values (no I/O): the unit tests check them.
// Thread safety: free functions.
#pragma once

#include <cstdint>
#include <optional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/client_types.h"
#include "engine/common/status.h"
#include "engine/protocol/batch_header.h"
#include "engine/protocol/record_batch.h"

namespace partita::cli {

// "1,2,3".
std::string JoinIds(const std::vector<int32_t>& ids);

// kafka-topics --describe: the topic line then one line per partition. configs: "k=v,k2=v2".
//   Topic: T\tTopicId: ID\tPartitionCount: N\tReplicationFactor: R\tConfigs: k=v
//   \tTopic: T\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tOffline: 
// The TopicId is the topic's (Metadata v10+, KIP-516), or `topic_id` when given; a broker without topic ids
// gives Kafka's zero id, "AAAAAAAAAAAAAAAAAAAAAA".
std::string FormatTopicDescription(const client::TopicInfo& topic, const std::string& configs,
                                   const std::string& topic_id = "");
// Non-default entries as kafka-topics prints them in "Configs:": "k=v,k2=v2" (sensitive values hidden).
std::string FormatNonDefaultConfigs(const std::vector<client::ConfigEntry>& entries);

// kafka-configs --describe: "Dynamic configs for topic T are:" (or "All configs for ..." when all) then
//   "  k=v sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:k=v, DEFAULT_CONFIG:log.k=v}".
// Without all, only dynamic entries (DYNAMIC_*) are listed, as Kafka does.
std::string FormatConfigsDescription(const std::string& entity_label, const std::vector<client::ConfigEntry>& entries,
                                     bool all);

// kafka-get-offsets: "topic:partition:offset" per partition (errors go to stderr by the caller).
std::string FormatOffsetLine(const client::PartitionOffset& po);

// kafka-reassign-partitions JSON.
//   topics-to-move: {"version":1,"topics":[{"topic":"foo"}]}
//   reassignment:   {"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}
Result<std::vector<std::string>> ParseTopicsToMoveJson(const std::string& text);
Result<std::vector<client::Reassignment>> ParseReassignmentJson(const std::string& text);
std::string FormatReassignmentJson(const std::vector<client::Reassignment>& partitions);
// The current assignment of the given partitions (from metadata), in the same JSON form.
std::vector<client::Reassignment> CurrentAssignment(const std::vector<client::TopicInfo>& topics);
// kafka-reassign-partitions --list: "Current partition reassignments:" and one "t-p: replicas: 1,2. adding: 2.
// removing: 3." line per move, or "No partition reassignments found.".
std::string FormatOngoingReassignments(const std::vector<client::OngoingReassignment>& ongoing);
// Kafka's replica placement (AdminUtils.assignReplicasToBrokers, engine/coordination/replica_assignment) with
// start index 0, so that the proposal is reproducible: partition p's first replica is brokers[(p + start) % n];
// followers are shifted by a value that grows every n partitions. Rack-aware (RackAwareMode.Enforced: replicas on
// distinct racks first) when every listed broker has a rack, an error when only some have one, unless
// rack_aware is false (--disable-rack-aware). Keeps each topic's partition count and replication factor.
// broker_racks: the brokers of --broker-list -> their rack.
Result<std::vector<client::Reassignment>> GenerateAssignment(
    const std::vector<client::TopicInfo>& topics,
    const std::map<int32_t, std::optional<std::string>>& broker_racks, bool rack_aware = true);

// kafka-dump-log lines.
// "baseOffset: 0 lastOffset: 2 count: 3 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1
//  partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty
//  position: 0 CreateTime: 1700000000000 size: 90 magic: 2 compresscodec: none crc: 123 isvalid: true"
std::string FormatDumpBatchLine(const protocol::BatchHeader& h, uint64_t position, bool crc_valid);
// "| offset: 0 CreateTime: 1700000000000 keySize: 1 valueSize: 5 sequence: -1 headerKeys: [h1] key: k payload: hello"
// print_data adds key and payload.
std::string FormatDumpRecordLine(const protocol::BatchHeader& h, const protocol::Record& r, bool print_data);
// The " key: K payload: P" part of a record's line (keys and values as text: Kafka's StringDecoder).
std::string FormatDumpRecordData(const protocol::Record& r);

}  // namespace partita::cli
