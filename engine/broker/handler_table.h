// HandlerTable: API key -> handler, and the ApiVersions list derived from it.
// Thread safety: filled before the server starts; read-only afterwards.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "engine/broker/handler.h"
#include "engine/protocol/messages/api_versions.h"

namespace partita::broker {

class HandlerTable {
 public:
  void Register(std::unique_ptr<Handler> handler);
  Handler* Find(int16_t api_key) const;
  // One entry per registered API with its declared version range, sorted by key.
  std::vector<protocol::ApiVersionsResponse::ApiVersion> ApiVersions() const;

 private:
  static constexpr size_t kMaxApiKey = 128;
  std::array<std::unique_ptr<Handler>, kMaxApiKey> handlers_{};
};

}  // namespace partita::broker
