// ApiVersions: the APIs and versions this broker serves, built from the handler table.
// The response header is always v0 (clients parse it before they know the broker's versions).
#pragma once

#include "engine/broker/handler_table.h"
#include "engine/protocol/messages/api_versions.h"

namespace partita::broker {

class ApiVersionsHandler : public ApiHandler<protocol::ApiVersionsRequest, protocol::ApiVersionsResponse> {
 public:
  explicit ApiVersionsHandler(const HandlerTable* table) : table_(table) {}

 protected:
  void Process(const RequestContext& ctx, const protocol::ApiVersionsRequest& request, Done done) override;
  int ResponseHeaderVersion(int16_t) const override { return 0; }

 private:
  const HandlerTable* table_;
};

}  // namespace partita::broker
