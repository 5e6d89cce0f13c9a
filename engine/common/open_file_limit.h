// The process's open-file limit, raised to what the system allows. A broker holds a descriptor per log segment
// and per connection; Linux's default soft limit (often 1,024) is exhausted by a few hundred partitions, while
// the hard limit is usually far higher. The JVM raises its soft limit to the hard one at startup
// (-XX:+MaxFDLimit, on by default), so Kafka brokers get that without asking; ours do the same.
// Thread safety: call from any thread; the raise happens once per process.
#pragma once

#include <cstdint>

namespace partita {

struct OpenFileLimit {
  uint64_t before = 0;  // the soft limit found
  uint64_t now = 0;     // the soft limit after raising (equal to before when nothing could be raised)
};

// Raises the soft RLIMIT_NOFILE to the hard limit, once; later calls return the first call's result.
OpenFileLimit RaiseOpenFileLimit();

}  // namespace partita
