#include "engine/broker/handlers/init_producer_id_handler.h"

#include <spdlog/spdlog.h>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/handlers/producer_fenced_compat.h"
#include "engine/broker/broker.h"
#include "engine/broker/transaction_service.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void InitProducerIdHandler::Process(const RequestContext& ctx, const protocol::InitProducerIdRequest& request,
                                    Done done) {
  protocol::InitProducerIdResponse response;
  if (request.transactional_id
          ? !AuthorizedTransactionalId(ctx, AclOperation::kWrite, *request.transactional_id)
          : !AuthorizedCluster(ctx, AclOperation::kIdempotentWrite) &&
                !AuthorizedAnyOfType(ctx, AclOperation::kWrite, security::AclResourceType::kTopic)) {
    response.error_code = Wire(request.transactional_id ? ErrorCode::kTransactionalIdAuthorizationFailed
                                                        : ErrorCode::kClusterAuthorizationFailed);
    response.producer_id = -1;
    response.producer_epoch = -1;
    return done(std::move(response));
  }
  if (request.transactional_id) {
    auto hosted = ctx.broker->transactions().CoordinatorFor(*request.transactional_id);
    if (!hosted.coordinator) {
      response.error_code = Wire(hosted.error);
      return done(std::move(response));
    }
    hosted.coordinator->InitProducerId(
        *request.transactional_id, request.transaction_timeout_ms, request.producer_id, request.producer_epoch,
        [done, version = ctx.version()](transactions::InitProducerIdResult r) {
          protocol::InitProducerIdResponse out;
          out.error_code = Wire(FencedErrorForVersion(r.error, version, kInitProducerIdFirstFencedVersion));
          out.producer_id = r.producer_id;
          out.producer_epoch = r.producer_epoch;
          done(std::move(out));
        });
    return;
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
