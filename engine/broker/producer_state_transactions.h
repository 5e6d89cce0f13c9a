// OpenTransactions: the transactions of one partition that keep its last stable offset (LSO) down — Kafka's
// ProducerStateManager.ongoingTxns and unreplicatedTxns (KIP-98):
//   - ongoing: a producer wrote transactional data at first_offset and no COMMIT/ABORT marker yet;
//   - unreplicated: the marker is in the log at last_offset but the high watermark has not passed it, so a
//     new leader might not have it and the transaction could still turn out either way.
// LSO = min(HW, first offset of every ongoing or unreplicated transaction). read_committed consumers read up to
// the LSO, so they never see data whose fate is undecided.
// CompletedTxn is what a marker produces (only for a transaction that had data, as Kafka's
// appendEndTxnMarker): ABORTED ones become .txnindex entries, whose lastStableOffset is the LSO right after
// the abort without the HW (the first offset of the next ongoing transaction, or the marker offset + 1).
// Thread safety: thread-safe (one leaf mutex), so the fetch path reads the LSO while appends change the set.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace partita::broker {

struct CompletedTxn {
  int64_t producer_id = -1;
  int64_t first_offset = -1;
  int64_t last_offset = -1;  // the marker's offset
  bool aborted = false;
  int64_t last_stable_offset = -1;  // for the .txnindex entry (see above)
  bool operator==(const CompletedTxn&) const = default;
};

struct OngoingTxn {
  int64_t producer_id = -1;
  int64_t first_offset = -1;
  bool operator==(const OngoingTxn&) const = default;
};

class OpenTransactions {
 public:
  // producer_id's transaction started at first_offset (no-op if one is already open for it).
  void Begin(int64_t producer_id, int64_t first_offset);
  // Ends producer_id's open transaction with a marker at last_offset. Returns false (nothing changes) when the
  // producer had no open transaction. *txn gets the transaction's first offset and the LSO after it.
  bool Complete(int64_t producer_id, int64_t last_offset, bool aborted, CompletedTxn* txn);
  // The high watermark moved: completed transactions whose marker lies below it are stable.
  void OnHighWatermark(int64_t high_watermark);
  // min(high_watermark, first offset of every ongoing or unreplicated transaction).
  int64_t LastStableOffset(int64_t high_watermark) const;
  std::vector<OngoingTxn> Ongoing() const;  // by first offset
  void Clear();

 private:
  mutable std::mutex mu_;
  std::unordered_map<int64_t, int64_t> first_offset_by_producer_;  // ongoing
  std::map<int64_t, int64_t> ongoing_by_first_offset_;              // first offset -> producer id
  std::map<int64_t, int64_t> unreplicated_;                         // first offset -> marker offset
};

}  // namespace partita::broker
