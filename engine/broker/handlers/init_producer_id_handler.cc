#include "engine/broker/handlers/init_producer_id_handler.h"

#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

void InitProducerIdHandler::Process(const RequestContext& ctx, const protocol::InitProducerIdRequest& request,
                                    Done done) {
  protocol::InitProducerIdResponse response;
  if (request.transactional_id) {
    spdlog::warn("InitProducerId for transactional id '{}' from {}: transactions are not supported",
                 *request.transactional_id, ctx.conn.peer);
    response.error_code = Wire(ErrorCode::kCoordinatorNotAvailable);
    return done(std::move(response));
  }
  auto id = ctx.broker->producer_ids().Next();
  if (!id.ok()) {
    spdlog::warn("InitProducerId: cannot reserve producer ids: {}", id.status().ToString());
    response.error_code = Wire(ErrorCode::kCoordinatorNotAvailable);
    return done(std::move(response));
  }
  response.producer_id = *id;
  response.producer_epoch = 0;
  done(std::move(response));
}

}  // namespace partita::broker
