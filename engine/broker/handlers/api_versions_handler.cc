#include "engine/broker/handlers/api_versions_handler.h"

namespace partita::broker {

void ApiVersionsHandler::Process(const RequestContext&, const protocol::ApiVersionsRequest&, Done done) {
  protocol::ApiVersionsResponse response;
  response.api_keys = table_->ApiVersions();
  done(std::move(response));
}

}  // namespace partita::broker
