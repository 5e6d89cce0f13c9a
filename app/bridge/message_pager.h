// MessagePager: the blocking paging logic of the message browser over one ClusterClient: resolves a query's
// partitions and start position (earliest / latest / offset / time via ListOffsets), reads pages forward and
// backward by offsets with FetchRecords, applies the filters and the key search, and produces records.
// Memory: a page holds at most pageSize rows per partition plus one fetch response at a time; nothing of the
// topic is kept between calls, so paging through any size of topic stays flat.
// Filter scans read at most kScanBudget records per partition per page, then return what they found
// (scanLimited) so the GUI stays responsive; Next continues where the scan stopped.
// Thread safety: blocking network calls; use from a worker thread only. Not owning: the client outlives it.
#pragma once

#include <algorithm>

#include "app/bridge/message_types.h"
#include "engine/common/status.h"

namespace partita::client {
class ClusterClient;
}

namespace partita::app {

class MessagePager {
 public:
  static constexpr qint64 kScanBudget = 200000;

  explicit MessagePager(client::ClusterClient* client) : m_client(client) {}

  // Records a filtered read examines per partition before it returns (searches use small steps so that a
  // Cancel is honoured quickly).
  void setScanBudget(qint64 budget) { m_scanBudget = std::max<qint64>(1, budget); }

  // Decodes keys and values for the key / value substring filters (nullptr: raw bytes only). Not owned; set for
  // one search and cleared after it.
  void setDecoder(const RecordDecoder* decoder) { m_decoder = decoder; }

  Result<MessagePage> open(const MessageQuery& query);
  Result<MessagePage> next(const MessageQuery& query, const MessagePage& current);
  Result<MessagePage> previous(const MessageQuery& query, const MessagePage& current);

  Result<QList<TopicSummary>> topics();
  Result<ProduceOutcome> produce(const ProduceSpec& spec);

 private:
  struct Plan {
    QList<int> partitions;
    QMap<int, PartitionBounds> bounds;
    int keyPartition = -1;
    int perPartition = 1;
  };
  Result<Plan> plan(const MessageQuery& query);
  bool matches(const MessageQuery& query, const MessageRow& row) const;
  // Reads matching rows of one partition forward from `from` (below `limit`) until `want` rows are found.
  // Sets *end to the offset after the last record examined.
  Status readForward(const MessageQuery& query, int partition, qint64 from, qint64 limit, int want,
                     QList<MessageRow>* rows, qint64* end, qint64* scanned, bool* limited);
  // Reads the last `want` matching rows below `before` (at or above logStart); sets *begin to the first
  // offset the page covers.
  Status readBackward(const MessageQuery& query, int partition, qint64 logStart, qint64 before, int want,
                      QList<MessageRow>* rows, qint64* begin, qint64* scanned, bool* limited);
  // What a page read collected: rows and per-partition [begin, end).
  struct Cursor {
    QList<MessageRow> rows;
    QMap<int, qint64> begin;
    QMap<int, qint64> end;
    qint64 scanned = 0;
    bool limited = false;
  };
  MessagePage finish(const MessageQuery& query, const Plan& plan, Cursor cursor);
  Result<MessagePage> turn(const MessageQuery& query, const MessagePage& current, bool forward);

  client::ClusterClient* m_client;
  int m_roundRobin = 0;
  qint64 m_scanBudget = kScanBudget;
  const RecordDecoder* m_decoder = nullptr;
};

}  // namespace partita::app
