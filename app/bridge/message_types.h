// Values the message browser hands to the GUI: records as rows, the query that selects them, the page that
// holds them (with per-partition cursors for paging) and a produce request and its outcome. Plain values,
// copied between the worker thread and the GUI thread; registered as Qt metatypes for signals and QSignalSpy.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <optional>

namespace partita::app {

class RecordDecoder;

struct MessageHeader {
  QByteArray key;
  QByteArray value;
  bool valueIsNull = false;
};

struct MessageRow {
  int partition = 0;
  qint64 offset = 0;
  qint64 timestamp = -1;
  bool logAppendTime = false;
  QByteArray key;
  bool keyIsNull = true;
  QByteArray value;
  bool valueIsNull = true;
  QList<MessageHeader> headers;
  int compression = 0;  // Kafka's codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd
  // Transactions (KIP-98): the batch's producer (-1: none) and whether it is transactional; a control record
  // is a COMMIT/ABORT marker (shown as such, not as its raw key/value bytes); a transactional record's
  // outcome is known when the page holds its producer's marker (always, with read_committed).
  qint64 producerId = -1;
  int producerEpoch = -1;
  bool transactional = false;
  enum class Control { None, Commit, Abort };
  Control control = Control::None;
  enum class Outcome { Unknown, Committed, Aborted };
  Outcome outcome = Outcome::Unknown;
  bool isControl() const { return control != Control::None; }
};

enum class MessageStart { Earliest, Latest, Offset, Timestamp };

// Substring filters (empty = not used); a record must match every one in use. header matches a header's key
// or value. With a decoder (a topic read through a schema), key and value also match the decoded one-line JSON
// the table shows (`"customer":"alice"`); a record that does not decode is matched on its bytes only.
struct MessageFilter {
  QByteArray keyContains;
  QByteArray valueContains;
  QByteArray headerContains;
  // Record timestamps in [fromMs, untilMs); -1: open on that side.
  qint64 fromMs = -1;
  qint64 untilMs = -1;
  bool isEmpty() const {
    return keyContains.isEmpty() && valueContains.isEmpty() && headerContains.isEmpty() && fromMs < 0 && untilMs < 0;
  }
  bool matches(const MessageRow& row, const RecordDecoder* decoder = nullptr) const;
};

// Where a key search reads. Producers place a key by their partitioner, and the two common ones disagree:
// Java (and librdkafka's murmur2_random) use murmur2, librdkafka's default consistent_random uses CRC-32.
// Only scanning every partition can never miss a key, so it is the default.
enum class KeyPartitioner { ScanAll, Murmur2, Crc32 };

struct MessageQuery {
  QString topic;
  QList<int> partitions;  // empty: every partition of the topic
  MessageStart start = MessageStart::Latest;
  qint64 offset = 0;       // MessageStart::Offset, applied to each partition (clamped to its range)
  qint64 timestampMs = 0;  // MessageStart::Timestamp: first record at or after this time (ListOffsets)
  int pageSize = 100;
  MessageFilter filter;
  // Key search: keeps records whose key equals it, reading the partitions `keyPartitioner` says (ScanAll:
  // the partitions chosen above, every one when none is; Murmur2 / Crc32: only the key's partition).
  std::optional<QByteArray> exactKey;
  KeyPartitioner keyPartitioner = KeyPartitioner::ScanAll;
  // read_committed (KIP-98): pages end at the last stable offset, aborted records are left out and markers
  // are not shown, as a read_committed consumer sees the partition. read_uncommitted shows markers as rows.
  bool readCommitted = false;
};

struct PartitionBounds {
  qint64 logStartOffset = 0;
  qint64 highWatermark = 0;  // with MessageQuery::readCommitted: the last stable offset (where reading ends)
};

// One page: rows sorted by (timestamp, partition, offset); per partition the half-open offset range
// [begin, end) the page covers, which is where the previous / next page continues.
struct MessagePage {
  QString topic;
  QList<MessageRow> rows;
  QMap<int, qint64> begin;
  QMap<int, qint64> end;
  QMap<int, PartitionBounds> bounds;
  bool hasPrevious = false;
  bool hasNext = false;
  int keyPartition = -1;  // the partition a Murmur2 / Crc32 key search computed, else -1
  qint64 scanned = 0;     // records read to build the page (more than rows.size() with filters)
  bool scanLimited = false;  // a filter scan stopped at its budget before the page was full
  bool cancelled = false;    // a search (MessageBrowser::search) was cancelled: the rows found until then
};

struct TopicSummary {
  QString name;
  int partitions = 0;
  bool internal = false;
};

struct ProduceSpec {
  QString topic;
  int partition = -1;  // -1: automatic (key -> murmur2 partition; no key -> round robin)
  std::optional<QByteArray> key;
  std::optional<QByteArray> value;
  QList<MessageHeader> headers;
  int compression = 0;  // Kafka codec id
  int acks = -1;        // 0, 1 or -1 (all)
  qint64 timestampMs = -1;  // -1: now
};

struct ProduceOutcome {
  QString topic;
  int partition = -1;
  qint64 offset = -1;  // -1 with acks=0
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::MessagePage)
Q_DECLARE_METATYPE(partita::app::ProduceOutcome)
Q_DECLARE_METATYPE(partita::app::TopicSummary)
Q_DECLARE_METATYPE(QList<partita::app::TopicSummary>)
