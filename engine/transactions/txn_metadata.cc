#include "engine/transactions/txn_metadata.h"

#include <array>
#include <strings.h>

namespace partita::transactions {

namespace {

constexpr std::array<std::string_view, 8> kNames = {"Empty",          "Ongoing",       "PrepareCommit", "PrepareAbort",
                                                    "CompleteCommit", "CompleteAbort", "Dead",          "PrepareEpochFence"};

}  // namespace

std::string_view TxnStateName(TxnState state) {
  const auto i = static_cast<size_t>(state);
  return i < kNames.size() ? kNames[i] : std::string_view("Unknown");
}

std::optional<TxnState> TxnStateFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i].size() == name.size() && strncasecmp(kNames[i].data(), name.data(), name.size()) == 0) {
      return static_cast<TxnState>(i);
    }
  }
  return std::nullopt;
}

std::optional<TxnState> TxnStateFromId(int8_t id) {
  if (id < 0 || static_cast<size_t>(id) >= kNames.size()) return std::nullopt;
  return static_cast<TxnState>(id);
}

}  // namespace partita::transactions
