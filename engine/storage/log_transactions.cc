// Log: the aborted-transaction indexes of its segments (see transaction_index.h and log.h).
#include <spdlog/spdlog.h>

#include "engine/storage/log.h"

namespace partita::storage {

Status Log::AppendAbortedTxn(const AbortedTxn& txn) {
  std::lock_guard lock(writer_mu_);
  std::shared_ptr<LogSegment> seg;
  {
    std::shared_lock seg_lock(segments_mu_);
    seg = SegmentFor(txn.last_offset);
  }
  if (!seg || txn.last_offset >= log_end_offset_.load(std::memory_order_acquire))
    return Status::InvalidArgument("aborted transaction marker offset " + std::to_string(txn.last_offset) +
                                   " is not in the log of " + dir_);
  return seg->txn_index().Append(txn);
}

std::vector<AbortedTxn> Log::CollectAbortedTxns(Offset start, Offset upper_bound) const {
  std::vector<std::shared_ptr<LogSegment>> segs;
  {
    std::shared_lock lock(segments_mu_);
    auto it = segments_.upper_bound(start.value);
    if (it != segments_.begin()) --it;
    for (; it != segments_.end(); ++it) segs.push_back(it->second);
  }
  std::vector<AbortedTxn> out;
  for (const auto& seg : segs) {
    if (seg->txn_index().CollectAbortedTxns(start.value, upper_bound.value, &out)) break;
  }
  return out;
}

Status Log::TruncateAbortedTxnsFrom(Offset offset) {
  std::lock_guard lock(writer_mu_);
  std::shared_lock seg_lock(segments_mu_);
  for (const auto& [base, seg] : segments_) PARTITA_RETURN_IF_ERROR(seg->txn_index().TruncateTo(offset.value));
  return Status::Ok();
}

}  // namespace partita::storage
