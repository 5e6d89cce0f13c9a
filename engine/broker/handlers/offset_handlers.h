// Committed offsets of consumer groups, served by the GroupService's coordinators: OffsetCommit (key 8, v0-8),
// OffsetFetch (9, v0-8; v8 batched groups), OffsetDelete (47, v0). An OffsetCommit is answered once its
// __consumer_offsets records are committed (the partition's high watermark passed them), through the produce
// purgatory: no thread waits. As Kafka does, a commit whose write fails or times out is answered
// NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE so that the client retries.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_delete.h"
#include "engine/protocol/messages/offset_fetch.h"

namespace partita::broker {

class OffsetCommitHandler : public ApiHandler<protocol::OffsetCommitRequest, protocol::OffsetCommitResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::OffsetCommitRequest& request, Done done) override;
};

class OffsetFetchHandler : public ApiHandler<protocol::OffsetFetchRequest, protocol::OffsetFetchResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::OffsetFetchRequest& request, Done done) override;
};

class OffsetDeleteHandler : public ApiHandler<protocol::OffsetDeleteRequest, protocol::OffsetDeleteResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::OffsetDeleteRequest& request, Done done) override;
};

}  // namespace partita::broker
