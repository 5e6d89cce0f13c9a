#include "engine/common/status.h"

#include <cerrno>
#include <cstring>

namespace partita {

Status Status::FromErrno(int err, std::string_view context) {
  std::string msg(context);
  msg += ": ";
  msg += std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) return NoSpace(msg);
  if (err == ENOENT) return NotFound(msg);
  if (err == EADDRINUSE) return AddressInUse(msg);
  return IOError(msg);
}

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kNotFound: name = "Not found"; break;
    case Code::kAlreadyExists: name = "Already exists"; break;
    case Code::kIOError: name = "IO error"; break;
    case Code::kNoSpace: name = "No space"; break;
    case Code::kUnsupported: name = "Unsupported"; break;
    case Code::kTimeout: name = "Timeout"; break;
    case Code::kUnavailable: name = "Unavailable"; break;
    case Code::kAborted: name = "Aborted"; break;
    case Code::kAddressInUse: name = "Address in use"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace partita
