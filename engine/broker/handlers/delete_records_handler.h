// DeleteRecords (key 21), versions 0-2: advances a partition's log start offset (whole segments below it are
// deleted); offset -1 means the high watermark. Offsets above the high watermark are OFFSET_OUT_OF_RANGE.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/delete_records.h"

namespace partita::broker {

class DeleteRecordsHandler : public ApiHandler<protocol::DeleteRecordsRequest, protocol::DeleteRecordsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DeleteRecordsRequest& request, Done done) override;
};

}  // namespace partita::broker
