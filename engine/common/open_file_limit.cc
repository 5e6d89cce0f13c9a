#include "engine/common/open_file_limit.h"

#include <sys/resource.h>

namespace partita {

namespace {

OpenFileLimit RaiseOnce() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  OpenFileLimit result{limit.rlim_cur, limit.rlim_cur};
  if (limit.rlim_cur >= limit.rlim_max) return result;
  rlimit raised = limit;
  raised.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) result.now = raised.rlim_cur;
  return result;
}

}  // namespace

OpenFileLimit RaiseOpenFileLimit() {
  static const OpenFileLimit limit = RaiseOnce();
  return limit;
}

}  // namespace partita
