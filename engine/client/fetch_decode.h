// Internal to engine/client: turns the record bytes of one partition of a Fetch answer into ConsumedRecords
// (v2 batches only, CRC-checked, control batches skipped unless asked for, a partial trailing batch ignored). Shared by
// ClusterClient::FetchRecords and the group time-lag probe. Thread safety: a free function over values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/client/client_types.h"
#include "engine/common/status.h"

namespace partita::client {

// Appends the records with offset >= `offset` to result->records and sets result->next_offset (the requested
// offset when no complete batch came). context names the partition and broker in errors.
// With read_committed, aborted lists the answer's aborted transactions and their records are left out as Kafka's
// consumer does (CompletedFetch: a producer is aborted from its first_offset until its ABORT marker).
// include_control returns the markers as records.
struct DecodeOptions {
  IsolationLevel isolation = IsolationLevel::kReadUncommitted;
  std::vector<AbortedTxn> aborted;
  bool include_control = false;
};
Status DecodeFetchedRecords(std::span<const uint8_t> data, int64_t offset, const std::string& context,
                            FetchResult* result, const DecodeOptions& options = {});

// Errors after which the leader may have moved: refresh the metadata and ask again.
bool IsRetriableLeaderError(int16_t code);

}  // namespace partita::client
