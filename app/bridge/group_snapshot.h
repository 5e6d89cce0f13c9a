// Value snapshots of consumer groups, as the GroupMonitor publishes them and the UI models draw them.
// Plain copyable values (Qt types only, no engine types): built on the monitor's worker thread, handed to the
// GUI thread through queued signals, never changed afterwards. Registered as metatypes at the end.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "app/bridge/partition_ref.h"

namespace partita::app {

// One group in the list. members / totalLag are -1 when unknown (describe or lag failed for this group).
struct GroupSummary {
  QString groupId;
  QString state;         // Kafka's names: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead
  QString protocolType;  // "consumer" for consumer groups; may be empty
  int members = -1;
  qint64 totalLag = -1;
  // Partitions assigned to a member but without a committed offset: their lag is unknown, so it is not in
  // totalLag; shown next to it rather than silently left out.
  int uncommitted = 0;
  QString error;  // why members / lag are unknown, if they are
  // Topics the group consumes: those it has committed offsets for or whose partitions are assigned to a
  // member (sorted). The Topics page's "Consumers" column is built from them.
  QStringList topics;
  friend bool operator==(const GroupSummary&, const GroupSummary&) = default;
};

struct GroupListSnapshot {
  qint64 takenAtMs = 0;  // wall clock (ms since the epoch) when the listing was taken
  QList<GroupSummary> groups;  // sorted by groupId
  QString error;  // non-empty: the listing failed (groups is then empty)
};

struct GroupMemberSnapshot {
  QString memberId;
  QString instanceId;  // static membership (group.instance.id); empty when dynamic
  QString clientId;
  QString host;
  QList<PartitionRef> assignment;  // sorted
  friend bool operator==(const GroupMemberSnapshot&, const GroupMemberSnapshot&) = default;
};

// The group's position on one partition. -1 means unknown (no committed offset, no answer, no record).
struct PartitionLagRow {
  PartitionRef tp;
  qint64 committed = -1;
  qint64 logStart = -1;
  qint64 logEnd = -1;
  qint64 lag = -1;
  qint64 timeLagMs = -1;  // age of the record at the committed offset; 0 when caught up
  QString memberId, clientId, host;  // the member the partition is assigned to, if any
  friend bool operator==(const PartitionLagRow&, const PartitionLagRow&) = default;
};

// Lag over time of one series (the group's total when tp.partition == -1 and tp.topic is empty).
struct LagSeries {
  PartitionRef tp;
  QList<qint64> timesMs;  // ascending, ms since the epoch
  QList<qint64> lags;     // same length as timesMs
};

// Everything recorded about one group's lag: total plus one series per partition (sorted by partition).
struct LagHistory {
  LagSeries total;
  QList<LagSeries> partitions;
  bool isEmpty() const { return total.timesMs.isEmpty(); }
};

struct GroupDetailSnapshot {
  QString groupId;
  qint64 takenAtMs = 0;
  QString state;
  QString protocolType;
  QString protocol;  // the assignor, e.g. "range" or "cooperative-sticky"
  int coordinator = -1;
  QList<GroupMemberSnapshot> members;  // sorted by memberId
  QList<PartitionLagRow> partitions;   // sorted by topic, partition
  LagHistory history;
  QString error;  // non-empty: describing the group failed; the rest may be partial
  // Assigned partitions without a committed offset (not counted in totalLag()).
  int uncommittedCount() const {
    int n = 0;
    for (const PartitionLagRow& row : partitions) n += row.committed < 0 && !row.memberId.isEmpty() ? 1 : 0;
    return n;
  }
  qint64 totalLag() const {
    qint64 sum = 0;
    for (const PartitionLagRow& row : partitions)
      if (row.lag > 0) sum += row.lag;
    return sum;
  }
};

// How "Reset offsets" chooses the new committed offsets (Kafka's kafka-consumer-groups --reset-offsets).
enum class OffsetResetKind { Earliest, Latest, DateTime, ShiftBy, Specific };

struct OffsetResetSpec {
  OffsetResetKind kind = OffsetResetKind::Earliest;
  qint64 timestampMs = 0;  // DateTime: first record at or after it (log end when there is none)
  qint64 shiftBy = 0;      // ShiftBy: committed + shiftBy, kept within [log start, log end]
  qint64 offset = 0;       // Specific: kept within [log start, log end]
  QString topic;           // empty: every partition the group has offsets for; else only this topic's
  friend bool operator==(const OffsetResetSpec&, const OffsetResetSpec&) = default;
};

struct OffsetResetPreviewRow {
  PartitionRef tp;
  qint64 current = -1;  // committed now (-1: none)
  qint64 target = -1;
  qint64 logStart = -1;
  qint64 logEnd = -1;
};

// The target offsets computed for a spec, shown to the user before anything is committed.
struct OffsetResetPreview {
  QString groupId;
  OffsetResetSpec spec;
  QList<OffsetResetPreviewRow> rows;  // sorted by topic, partition
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::GroupListSnapshot)
Q_DECLARE_METATYPE(partita::app::GroupDetailSnapshot)
Q_DECLARE_METATYPE(partita::app::OffsetResetSpec)
Q_DECLARE_METATYPE(partita::app::OffsetResetPreview)
