// The lag arithmetic of group_types.h.
#include "engine/client/group_types.h"

#include <algorithm>

namespace partita::client {

int64_t MessageLag(int64_t committed, int64_t log_end) {
  if (committed < 0 || log_end < 0) return -1;
  return log_end - committed;
}

int64_t TimeLagMs(int64_t committed, int64_t log_end, std::optional<int64_t> next_record_timestamp, int64_t now_ms) {
  if (committed < 0 || log_end < 0) return -1;
  if (committed >= log_end) return 0;
  if (!next_record_timestamp || *next_record_timestamp < 0) return -1;
  return std::max<int64_t>(0, now_ms - *next_record_timestamp);
}

}  // namespace partita::client
