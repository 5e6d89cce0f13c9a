#include "engine/broker/handlers/group_handlers.h"

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/group_service.h"
#include "engine/broker/transaction_service.h"
#include "engine/coordination/kafka_znodes.h"

#include <spdlog/spdlog.h>

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

namespace {

// Kafka reports the client's address as "/ip".
std::string ClientHost(const RequestContext& ctx) {
  const std::string& peer = ctx.conn.peer;
  const size_t colon = peer.rfind(':');
  std::string host = colon == std::string::npos ? peer : peer.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return "/" + host;
}

// A reason is whatever a client sends (up to the frame size): the log keeps its first 256 bytes.
std::string_view ClippedReason(const std::string& reason) { return std::string_view(reason).substr(0, 256); }

// FindCoordinator for one key: fills error, node and endpoint.
void FindOne(const RequestContext& ctx, const std::string& key, int8_t key_type, int16_t* error,
             std::optional<std::string>* message, int32_t* node_id, std::string* host, int32_t* port) {
  *node_id = -1;
  *port = -1;
  host->clear();
  ErrorCode e = ErrorCode::kNone;
  int32_t node = -1;
  if (key_type != 0 && key_type != 1) {
    e = ErrorCode::kInvalidRequest;
    *message = "unknown coordinator key type " + std::to_string(key_type);
  } else if (key.empty()) {
    e = ErrorCode::kInvalidRequest;
    *message = key_type == 0 ? "empty group id" : "empty transactional id";
  } else if (key_type == 0 ? !AuthorizedGroup(ctx, AclOperation::kDescribe, key)
                            : !AuthorizedTransactionalId(ctx, AclOperation::kDescribe, key)) {
    e = key_type == 0 ? ErrorCode::kGroupAuthorizationFailed : ErrorCode::kTransactionalIdAuthorizationFailed;
  } else {
    // key_type 1 = TRANSACTION (KIP-98): the leader of the transactional id's __transaction_state partition.
    e = key_type == 0 ? ctx.broker->groups().FindCoordinator(key, &node)
                      : ctx.broker->transactions().FindCoordinator(key, &node);
  }
  if (e == ErrorCode::kNone) {
    auto md = ctx.broker->metadata();
    auto it = md->brokers.find(node);
    if (it == md->brokers.end()) {
      e = ErrorCode::kCoordinatorNotAvailable;
    } else {
      auto [h, p] = coordination::EndpointFor(it->second, ctx.conn.listener_name);
      *node_id = node;
      *host = h;
      *port = p;
    }
  }
  *error = Wire(e);
  if (e == ErrorCode::kNone) {
    message->reset();
  } else if (!*message) {
    *message = protocol::ErrorCodeMessage(e);
  }
}

}  // namespace

void FindCoordinatorHandler::Process(const RequestContext& ctx, const protocol::FindCoordinatorRequest& request,
                                     Done done) {
  protocol::FindCoordinatorResponse response;
  if (ctx.version() >= protocol::FindCoordinatorRequest::kFirstBatchedVersion) {
    for (const auto& key : request.coordinator_keys) {
      auto& c = response.coordinators.emplace_back();
      c.key = key;
      FindOne(ctx, key, request.key_type, &c.error_code, &c.error_message, &c.node_id, &c.host, &c.port);
    }
  } else {
    FindOne(ctx, request.key, request.key_type, &response.error_code, &response.error_message, &response.node_id,
            &response.host, &response.port);
  }
  done(std::move(response));
}

void JoinGroupHandler::Process(const RequestContext& ctx, const protocol::JoinGroupRequest& request, Done done) {
  const int16_t version = ctx.version();
  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  if (!hosted.coordinator) {
    protocol::JoinGroupResponse response;
    response.error_code = Wire(hosted.error);
    response.member_id = request.member_id;
    return done(std::move(response));
  }
  group::JoinGroupArgs args;
  args.api_version = version;
  args.group_id = request.group_id;
  args.session_timeout_ms = request.session_timeout_ms;
  args.rebalance_timeout_ms = version >= 1 ? request.rebalance_timeout_ms : -1;
  args.member_id = request.member_id;
  args.group_instance_id = request.group_instance_id;
  args.protocol_type = request.protocol_type;
  for (const auto& p : request.protocols) args.protocols.push_back({p.name, p.metadata});
  args.client_id = ctx.header.client_id.value_or("");
  args.client_host = ClientHost(ctx);
  // KIP-800: the client's reason is for the operator's log; it changes nothing in the protocol.
  if (request.reason)
    spdlog::debug("JoinGroup of {} in group {} (client reason: {})", request.member_id.empty() ? "a new member" : request.member_id,
                  request.group_id, ClippedReason(*request.reason));
  hosted.coordinator->JoinGroup(args, [done, version](group::JoinGroupResult r) {
    protocol::JoinGroupResponse response;
    response.error_code = Wire(r.error);
    response.generation_id = r.generation_id;
    response.protocol_type = std::move(r.protocol_type);
    response.protocol_name = std::move(r.protocol_name);
    // Before v7 the protocol name is a non-null string.
    if (version < 7 && !response.protocol_name) response.protocol_name = "";
    response.leader = std::move(r.leader);
    response.skip_assignment = r.skip_assignment;
    response.member_id = std::move(r.member_id);
    for (auto& m : r.members) {
      response.members.push_back({std::move(m.member_id), std::move(m.group_instance_id), std::move(m.metadata)});
    }
    done(std::move(response));
  });
}

void SyncGroupHandler::Process(const RequestContext& ctx, const protocol::SyncGroupRequest& request, Done done) {
  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  if (!hosted.coordinator) {
    protocol::SyncGroupResponse response;
    response.error_code = Wire(hosted.error);
    return done(std::move(response));
  }
  group::SyncGroupArgs args;
  args.group_id = request.group_id;
  args.generation_id = request.generation_id;
  args.member_id = request.member_id;
  args.group_instance_id = request.group_instance_id;
  args.protocol_type = request.protocol_type;
  args.protocol_name = request.protocol_name;
  for (const auto& a : request.assignments) args.assignments.push_back({a.member_id, a.assignment});
  hosted.coordinator->SyncGroup(args, [done](group::SyncGroupResult r) {
    protocol::SyncGroupResponse response;
    response.error_code = Wire(r.error);
    response.protocol_type = std::move(r.protocol_type);
    response.protocol_name = std::move(r.protocol_name);
    response.assignment = std::move(r.assignment);
    done(std::move(response));
  });
}

void HeartbeatHandler::Process(const RequestContext& ctx, const protocol::HeartbeatRequest& request, Done done) {
  protocol::HeartbeatResponse response;
  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  if (!hosted.coordinator) {
    response.error_code = Wire(hosted.error);
    return done(std::move(response));
  }
  response.error_code = Wire(hosted.coordinator->Heartbeat(
      {request.group_id, request.generation_id, request.member_id, request.group_instance_id}));
  done(std::move(response));
}

void LeaveGroupHandler::Process(const RequestContext& ctx, const protocol::LeaveGroupRequest& request, Done done) {
  const bool batched = ctx.version() >= protocol::LeaveGroupRequest::kFirstBatchedVersion;
  protocol::LeaveGroupResponse response;
  auto hosted = ctx.broker->groups().CoordinatorFor(request.group_id);
  if (!AuthorizedGroup(ctx, AclOperation::kRead, request.group_id)) {
    hosted.coordinator = nullptr;
    hosted.error = ErrorCode::kGroupAuthorizationFailed;
  }
  if (!hosted.coordinator) {
    response.error_code = Wire(hosted.error);
    return done(std::move(response));
  }
  group::LeaveGroupArgs args;
  args.group_id = request.group_id;
  if (batched) {
    for (const auto& m : request.members) {
      args.members.push_back({m.member_id, m.group_instance_id});
      if (m.reason)  // KIP-800 (v5+)
        spdlog::info("Member {} leaves group {} (client reason: {})", m.member_id.empty() ? m.group_instance_id.value_or("") : m.member_id,
                     request.group_id, ClippedReason(*m.reason));
    }
  } else {
    args.members.push_back({request.member_id, std::nullopt});
  }
  group::LeaveGroupResult r = hosted.coordinator->LeaveGroup(args);
  response.error_code = Wire(r.error);
  if (batched) {
    for (auto& m : r.members) {
      response.members.push_back({std::move(m.member_id), std::move(m.group_instance_id), Wire(m.error)});
    }
  } else if (r.error == ErrorCode::kNone && !r.members.empty()) {
    response.error_code = Wire(r.members.front().error);
  }
  done(std::move(response));
}

}  // namespace partita::broker
