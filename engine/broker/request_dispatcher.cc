#include "engine/broker/request_dispatcher.h"

#include <spdlog/spdlog.h>

#include "engine/protocol/error_code.h"

namespace partita::broker {

void RequestDispatcher::HandleRequest(const net::ConnectionInfo& conn, std::span<const uint8_t> frame,
                                      net::ResponseSink respond) {
  protocol::Reader reader(frame);
  RequestContext ctx;
  ctx.broker = broker_;
  ctx.conn = conn;
  ctx.header.DecodeCommon(reader);
  if (!reader.ok()) {
    spdlog::warn("malformed request header from {}: {}; closing the connection", conn.peer, reader.status().ToString());
    return respond(net::Response::Close());
  }
  const int16_t key = ctx.header.api_key;
  const int16_t version = ctx.header.api_version;
  Handler* handler = table_->Find(key);
  if (handler && key == static_cast<int16_t>(protocol::ApiKey::kApiVersions) && version > handler->max_version()) {
    protocol::ApiVersionsResponse response;
    response.error_code = protocol::Wire(protocol::ErrorCode::kUnsupportedVersion);
    response.api_keys = table_->ApiVersions();
    return respond(EncodeResponse(response, ctx.header.correlation_id, 0, 0));
  }
  if (!handler || version < handler->min_version() || version > handler->max_version()) {
    spdlog::warn("{} v{} from {} (client '{}') is not supported (UNSUPPORTED_VERSION); closing the connection",
                 protocol::ApiKeyName(key), version, conn.peer, ctx.header.client_id.value_or(""));
    return respond(net::Response::Close());
  }
  if (handler->IsFlexible(version)) reader.SkipTaggedFields();
  if (!reader.ok()) {
    LogMalformedRequest(ctx, reader.status());
    return respond(net::Response::Close());
  }
  handler->Handle(std::move(ctx), reader, std::move(respond));
}

}  // namespace partita::broker
