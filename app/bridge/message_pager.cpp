#include "app/bridge/message_pager.h"

#include <algorithm>

#include "app/bridge/kafka_partitioner.h"
#include "app/bridge/record_decoder.h"
#include "engine/client/cluster_client.h"

namespace partita::app {

namespace {

QByteArray bytesOf(const std::optional<std::string>& s) {
  return s ? QByteArray(s->data(), static_cast<qsizetype>(s->size())) : QByteArray();
}

std::optional<std::string> stringOf(const std::optional<QByteArray>& b) {
  if (!b) return std::nullopt;
  return std::string(b->constData(), static_cast<size_t>(b->size()));
}

MessageRow toRow(int partition, const client::ConsumedRecord& r) {
  MessageRow row;
  row.partition = partition;
  row.offset = r.offset;
  row.timestamp = r.timestamp;
  row.logAppendTime = r.log_append_time;
  row.keyIsNull = !r.key.has_value();
  row.key = bytesOf(r.key);
  row.valueIsNull = !r.value.has_value();
  row.value = bytesOf(r.value);
  row.compression = static_cast<int>(r.compression);
  row.producerId = r.producer_id;
  row.producerEpoch = r.producer_epoch;
  row.transactional = r.transactional;
  using C = client::ConsumedRecord::Control;
  using O = client::ConsumedRecord::Outcome;
  row.control = r.control == C::kCommit  ? MessageRow::Control::Commit
                : r.control == C::kAbort ? MessageRow::Control::Abort
                                         : MessageRow::Control::None;
  row.outcome = r.outcome == O::kCommitted ? MessageRow::Outcome::Committed
                : r.outcome == O::kAborted ? MessageRow::Outcome::Aborted
                                           : MessageRow::Outcome::Unknown;
  for (const auto& h : r.headers) {
    row.headers.push_back({QByteArray::fromStdString(h.key), bytesOf(h.value), !h.value.has_value()});
  }
  return row;
}

TopicPartition tpOf(const QString& topic, int partition) { return {topic.toStdString(), PartitionId(partition)}; }

// Small fetches keep "open at the end" and single pages cheap; larger ones make filter scans efficient.
constexpr int32_t kPageFetchBytes = 64 * 1024;
constexpr int32_t kScanFetchBytes = 1024 * 1024;

}  // namespace

namespace {

// The search text as it would appear in compact JSON: whitespace outside double-quoted strings dropped, so that
// `"name": "pen"` copied from the indented detail view finds the record whose compact JSON holds `"name":"pen"`.
std::string CompactJsonText(const QByteArray& text) {
  std::string out;
  bool quoted = false, escaped = false;
  for (const char c : text) {
    if (quoted) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    }
    out += c;
  }
  return out;
}

// The raw bytes first (cheap); the decoding only when they do not match.
bool PartContains(const QByteArray& bytes, bool isNull, const QByteArray& text, const RecordDecoder* decoder,
                  RecordDecoder::Part part) {
  if (isNull) return false;
  if (bytes.contains(text)) return true;
  if (decoder == nullptr) return false;
  const std::optional<std::string> json = decoder->compactJson(bytes, isNull, part);
  if (!json) return false;
  const std::string_view decoded(*json);
  return decoded.find(std::string_view(text.constData(), size_t(text.size()))) != std::string_view::npos ||
         decoded.find(CompactJsonText(text)) != std::string_view::npos;
}

}  // namespace

bool MessageFilter::matches(const MessageRow& row, const RecordDecoder* decoder) const {
  // The cheap conditions first, so a record they exclude is never decoded.
  if (fromMs >= 0 && row.timestamp < fromMs) return false;
  if (untilMs >= 0 && row.timestamp >= untilMs) return false;
  if (!keyContains.isEmpty() && !PartContains(row.key, row.keyIsNull, keyContains, decoder, RecordDecoder::Part::Key)) {
    return false;
  }
  if (!valueContains.isEmpty() &&
      !PartContains(row.value, row.valueIsNull, valueContains, decoder, RecordDecoder::Part::Value)) {
    return false;
  }
  if (!headerContains.isEmpty()) {
    bool found = false;
    for (const auto& h : row.headers) found = found || h.key.contains(headerContains) || h.value.contains(headerContains);
    if (!found) return false;
  }
  return true;
}

bool MessagePager::matches(const MessageQuery& query, const MessageRow& row) const {
  // A transaction marker is shown where it sits in the log, but never matches a search.
  if (row.isControl()) return query.filter.isEmpty() && !query.exactKey;
  if (query.exactKey && (row.keyIsNull || row.key != *query.exactKey)) return false;
  return query.filter.matches(row, m_decoder);
}

Result<MessagePager::Plan> MessagePager::plan(const MessageQuery& query) {
  const std::string topic = query.topic.toStdString();
  client::ClusterMetadata md = m_client->Metadata();
  const client::TopicInfo* info = md.FindTopic(topic);
  if (info == nullptr) {
    auto fresh = m_client->RefreshMetadata();
    if (!fresh.ok()) return fresh.status();
    md = *fresh;
    info = md.FindTopic(topic);
  }
  if (info == nullptr || info->partitions.empty()) return Status::NotFound("topic '" + topic + "' does not exist");
  const int count = static_cast<int>(info->partitions.size());
  Plan plan;
  if (query.exactKey && query.keyPartitioner != KeyPartitioner::ScanAll) {
    plan.keyPartition = query.keyPartitioner == KeyPartitioner::Crc32 ? crc32PartitionForKey(*query.exactKey, count)
                                                                       : partitionForKey(*query.exactKey, count);
    plan.partitions = {plan.keyPartition};
  } else if (query.partitions.isEmpty()) {
    for (const auto& p : info->partitions) plan.partitions.push_back(p.partition);
  } else {
    for (int p : query.partitions) {
      if (p < 0 || p >= count) {
        return Status::InvalidArgument("topic '" + topic + "' has no partition " + std::to_string(p));
      }
      plan.partitions.push_back(p);
    }
  }
  std::vector<TopicPartition> tps;
  for (int p : plan.partitions) tps.push_back(tpOf(query.topic, p));
  auto earliest = m_client->ListOffsets(tps, client::kEarliestTimestamp);
  if (!earliest.ok()) return earliest.status();
  // read_committed: the end of what may be read is the last stable offset, not the high watermark.
  auto latest = m_client->ListOffsets(tps, client::kLatestTimestamp,
                                      query.readCommitted ? client::IsolationLevel::kReadCommitted
                                                          : client::IsolationLevel::kReadUncommitted);
  if (!latest.ok()) return latest.status();
  for (size_t i = 0; i < tps.size(); ++i) {
    PARTITA_RETURN_IF_ERROR((*earliest)[i].status);
    PARTITA_RETURN_IF_ERROR((*latest)[i].status);
    plan.bounds[plan.partitions[static_cast<qsizetype>(i)]] = {(*earliest)[i].offset, (*latest)[i].offset};
  }
  const int size = std::max(1, query.pageSize);
  const int n = static_cast<int>(plan.partitions.size());
  plan.perPartition = std::max(1, (size + n - 1) / n);
  return plan;
}

Status MessagePager::readForward(const MessageQuery& query, int partition, qint64 from, qint64 limit, int want,
                                 QList<MessageRow>* rows, qint64* end, qint64* scanned, bool* limited) {
  const bool filtering = !query.filter.isEmpty() || query.exactKey.has_value();
  const TopicPartition tp = tpOf(query.topic, partition);
  qint64 offset = from;
  qint64 examined = 0;
  int found = 0;
  while (found < want && offset < limit) {
    if (filtering && examined >= m_scanBudget) {
      *limited = true;
      break;
    }
    client::FetchOptions options;
    options.max_bytes = filtering ? kScanFetchBytes : kPageFetchBytes;
    options.isolation = query.readCommitted ? client::IsolationLevel::kReadCommitted
                                            : client::IsolationLevel::kReadUncommitted;
    options.include_control = true;
    auto fetched = m_client->FetchRecords(tp, offset, options);
    if (!fetched.ok()) return fetched.status();
    bool full = false;
    for (const auto& r : fetched->records) {
      if (r.offset >= limit) break;
      ++examined;
      offset = r.offset + 1;
      MessageRow row = toRow(partition, r);
      if (matches(query, row)) {
        rows->push_back(std::move(row));
        if (++found >= want) {
          full = true;
          break;
        }
      }
    }
    if (full) break;
    // Skips control batches and compacted gaps; no progress means nothing more is readable now.
    const qint64 next = std::min<qint64>(std::max<qint64>(offset, fetched->next_offset), limit);
    if (next <= offset && fetched->records.empty()) break;
    offset = std::max(offset, next);
  }
  *end = offset;
  *scanned += examined;
  return Status::Ok();
}

Status MessagePager::readBackward(const MessageQuery& query, int partition, qint64 logStart, qint64 before, int want,
                                  QList<MessageRow>* rows, qint64* begin, qint64* scanned, bool* limited) {
  const bool filtering = !query.filter.isEmpty() || query.exactKey.has_value();
  QList<MessageRow> found;  // matches in offset order, from the earliest window read so far
  qint64 hi = before;
  qint64 lo = before;
  qint64 examined = 0;
  qint64 window = want;
  while (static_cast<int>(found.size()) < want && hi > logStart) {
    if (filtering && examined >= m_scanBudget) {
      *limited = true;
      break;
    }
    lo = std::max(logStart, hi - window);
    QList<MessageRow> chunk;
    qint64 chunkEnd = lo;
    qint64 chunkScanned = 0;
    bool chunkLimited = false;
    // The matches of the whole window [lo, hi); the last `want` of all windows read form the page.
    PARTITA_RETURN_IF_ERROR(readForward(query, partition, lo, hi, static_cast<int>(hi - lo) + 1, &chunk, &chunkEnd,
                                        &chunkScanned, &chunkLimited));
    examined += hi - lo;
    chunk.append(found);
    found = std::move(chunk);
    hi = lo;
    if (filtering) window = std::min<qint64>(window * 4, 50000);
  }
  *begin = lo;
  if (static_cast<int>(found.size()) > want) {
    found = found.mid(found.size() - want);
    *begin = found.front().offset;
  }
  *scanned += examined;
  rows->append(found);
  return Status::Ok();
}

MessagePage MessagePager::finish(const MessageQuery& query, const Plan& plan, Cursor cursor) {
  MessagePage page;
  page.topic = query.topic;
  page.bounds = plan.bounds;
  page.keyPartition = plan.keyPartition;
  std::stable_sort(cursor.rows.begin(), cursor.rows.end(), [](const MessageRow& a, const MessageRow& b) {
    if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
    if (a.partition != b.partition) return a.partition < b.partition;
    return a.offset < b.offset;
  });
  page.rows = std::move(cursor.rows);
  page.begin = std::move(cursor.begin);
  page.end = std::move(cursor.end);
  page.scanned = cursor.scanned;
  page.scanLimited = cursor.limited;
  for (int part : plan.partitions) {
    page.hasPrevious = page.hasPrevious || page.begin.value(part) > plan.bounds[part].logStartOffset;
    page.hasNext = page.hasNext || page.end.value(part) < plan.bounds[part].highWatermark;
  }
  return page;
}

Result<MessagePage> MessagePager::open(const MessageQuery& query) {
  auto p = plan(query);
  if (!p.ok()) return p.status();
  QMap<int, qint64> starts;
  if (query.start == MessageStart::Timestamp) {
    std::vector<TopicPartition> tps;
    for (int part : p->partitions) tps.push_back(tpOf(query.topic, part));
    auto offsets = m_client->ListOffsets(tps, query.timestampMs);
    if (!offsets.ok()) return offsets.status();
    for (size_t i = 0; i < tps.size(); ++i) {
      PARTITA_RETURN_IF_ERROR((*offsets)[i].status);
      const int part = p->partitions[static_cast<qsizetype>(i)];
      // -1: no record at or after that time; start at the end.
      starts[part] = (*offsets)[i].offset < 0 ? p->bounds[part].highWatermark : (*offsets)[i].offset;
    }
  }
  Cursor c;
  for (int part : p->partitions) {
    const PartitionBounds b = p->bounds[part];
    qint64 begin = b.logStartOffset;
    qint64 end = b.logStartOffset;
    if (query.start == MessageStart::Latest) {
      PARTITA_RETURN_IF_ERROR(readBackward(query, part, b.logStartOffset, b.highWatermark, p->perPartition, &c.rows,
                                           &begin, &c.scanned, &c.limited));
      end = b.highWatermark;
    } else {
      if (query.start == MessageStart::Offset) begin = std::clamp(query.offset, b.logStartOffset, b.highWatermark);
      if (query.start == MessageStart::Timestamp) begin = std::clamp(starts[part], b.logStartOffset, b.highWatermark);
      PARTITA_RETURN_IF_ERROR(
          readForward(query, part, begin, b.highWatermark, p->perPartition, &c.rows, &end, &c.scanned, &c.limited));
    }
    c.begin[part] = begin;
    c.end[part] = end;
  }
  return finish(query, *p, std::move(c));
}

Result<MessagePage> MessagePager::next(const MessageQuery& query, const MessagePage& current) {
  return turn(query, current, true);
}

Result<MessagePage> MessagePager::previous(const MessageQuery& query, const MessagePage& current) {
  return turn(query, current, false);
}

Result<MessagePage> MessagePager::turn(const MessageQuery& query, const MessagePage& current, bool forward) {
  MessageQuery q = query;
  q.start = MessageStart::Offset;
  auto p = plan(q);
  if (!p.ok()) return p.status();
  Cursor c;
  for (int part : p->partitions) {
    const PartitionBounds b = p->bounds[part];
    if (forward) {
      const qint64 from = std::clamp(current.end.value(part, b.logStartOffset), b.logStartOffset, b.highWatermark);
      qint64 end = from;
      PARTITA_RETURN_IF_ERROR(
          readForward(q, part, from, b.highWatermark, p->perPartition, &c.rows, &end, &c.scanned, &c.limited));
      c.begin[part] = from;
      c.end[part] = end;
    } else {
      const qint64 before = std::clamp(current.begin.value(part, b.highWatermark), b.logStartOffset, b.highWatermark);
      qint64 begin = before;
      PARTITA_RETURN_IF_ERROR(
          readBackward(q, part, b.logStartOffset, before, p->perPartition, &c.rows, &begin, &c.scanned, &c.limited));
      c.begin[part] = begin;
      c.end[part] = before;
    }
  }
  return finish(q, *p, std::move(c));
}

Result<QList<TopicSummary>> MessagePager::topics() {
  auto list = m_client->ListTopics(true);
  if (!list.ok()) return list.status();
  QList<TopicSummary> out;
  for (const auto& t : *list) {
    out.push_back({QString::fromStdString(t.name), static_cast<int>(t.partitions.size()), t.is_internal});
  }
  return out;
}

Result<ProduceOutcome> MessagePager::produce(const ProduceSpec& spec) {
  const std::string topic = spec.topic.toStdString();
  auto described = m_client->DescribeTopics({topic});
  if (!described.ok()) return described.status();
  const int count = static_cast<int>((*described)[0].partitions.size());
  if (count <= 0) return Status::Unavailable("topic '" + topic + "' has no partitions yet");
  int partition = spec.partition;
  if (partition < 0) {
    partition = spec.key ? partitionForKey(*spec.key, count) : (m_roundRobin++ % count);
  } else if (partition >= count) {
    return Status::InvalidArgument("topic '" + topic + "' has no partition " + std::to_string(partition));
  }
  client::ProduceRecord record;
  record.key = stringOf(spec.key);
  record.value = stringOf(spec.value);
  record.timestamp = spec.timestampMs;
  for (const auto& h : spec.headers) {
    record.headers.push_back({h.key.toStdString(), h.valueIsNull ? std::nullopt : std::optional<std::string>(h.value.toStdString())});
  }
  auto result = m_client->Produce(tpOf(spec.topic, partition), {record}, static_cast<int16_t>(spec.acks),
                                  static_cast<protocol::Compression>(spec.compression));
  if (!result.ok()) return result.status();
  return ProduceOutcome{spec.topic, partition, result->base_offset};
}

}  // namespace partita::app
