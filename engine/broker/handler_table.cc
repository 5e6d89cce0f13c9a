#include "engine/broker/handler_table.h"

#include <spdlog/spdlog.h>

namespace partita::broker {

void HandlerTable::Register(std::unique_ptr<Handler> handler) {
  auto key = static_cast<size_t>(handler->api_key());
  if (key < kMaxApiKey) handlers_[key] = std::move(handler);
}

Handler* HandlerTable::Find(int16_t api_key) const {
  if (api_key < 0 || static_cast<size_t>(api_key) >= kMaxApiKey) return nullptr;
  return handlers_[static_cast<size_t>(api_key)].get();
}

std::vector<protocol::ApiVersionsResponse::ApiVersion> HandlerTable::ApiVersions() const {
  std::vector<protocol::ApiVersionsResponse::ApiVersion> out;
  for (const auto& h : handlers_) {
    if (h) out.push_back({static_cast<int16_t>(h->api_key()), h->min_version(), h->max_version()});
  }
  return out;
}

void LogMalformedRequest(const RequestContext& ctx, const Status& status) {
  spdlog::warn("malformed {} v{} request from {} (client '{}'): {}; closing the connection",
               protocol::ApiKeyName(ctx.header.api_key), ctx.header.api_version, ctx.conn.peer,
               ctx.header.client_id.value_or(""), status.ToString());
}

}  // namespace partita::broker
