#include "app/bridge/group_worker.h"
#include "app/bridge/client_factory.h"

#include <QDateTime>

#include <algorithm>
#include <map>

#include "app/bridge/lag_history_store.h"
#include "engine/client/cluster_client.h"

namespace partita::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString statusText(const Status& status) { return QString::fromStdString(status.ToString()); }

PartitionRef toRef(const TopicPartition& tp) { return PartitionRef{qs(tp.topic), tp.partition.value}; }
TopicPartition toTp(const PartitionRef& ref) { return TopicPartition{ref.topic.toStdString(), PartitionId(ref.partition)}; }

QList<PartitionLagRow> toLagRows(const std::vector<client::PartitionLag>& lags) {
  QList<PartitionLagRow> rows;
  rows.reserve(static_cast<qsizetype>(lags.size()));
  for (const client::PartitionLag& lag : lags) {
    PartitionLagRow row;
    row.tp = toRef(lag.tp);
    row.committed = lag.committed;
    row.logStart = lag.log_start;
    row.logEnd = lag.log_end;
    row.lag = lag.lag;
    row.timeLagMs = lag.time_lag_ms;
    row.memberId = qs(lag.member_id);
    row.clientId = qs(lag.client_id);
    row.host = qs(lag.host);
    rows.append(row);
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.tp < b.tp; });
  return rows;
}

QList<GroupMemberSnapshot> toMembers(const client::GroupDescription& description) {
  QList<GroupMemberSnapshot> members;
  for (const client::GroupMemberInfo& info : description.members) {
    GroupMemberSnapshot member;
    member.memberId = qs(info.member_id);
    member.instanceId = info.group_instance_id ? qs(*info.group_instance_id) : QString();
    member.clientId = qs(info.client_id);
    member.host = qs(info.host);
    for (const TopicPartition& tp : info.assignment) member.assignment.append(toRef(tp));
    std::sort(member.assignment.begin(), member.assignment.end());
    members.append(member);
  }
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.memberId < b.memberId; });
  return members;
}

LagSample toSample(qint64 nowMs, const QList<PartitionLagRow>& rows) {
  LagSample sample;
  sample.timeMs = nowMs;
  for (const PartitionLagRow& row : rows) {
    if (row.lag < 0) continue;
    sample.totalLag += row.lag;
    sample.partitions.append({row.tp, row.lag});
  }
  return sample;
}

qint64 clampTo(qint64 value, qint64 low, qint64 high) {
  if (high >= 0) value = std::min(value, high);
  if (low >= 0) value = std::max(value, low);
  return std::max<qint64>(value, 0);
}

}  // namespace

GroupWorker::GroupWorker() = default;
GroupWorker::~GroupWorker() = default;

void GroupWorker::setBootstrapServers(const QString& servers) {
  m_servers = servers;
  dropClient();
}

void GroupWorker::setHistoryDirectory(const QString& directory) {
  m_historyDirectory = directory;
  m_history.reset();
}

void GroupWorker::dropClient() {
  m_client.reset();
  m_history.reset();
}

bool GroupWorker::ensureClient(QString* error) {
  if (m_client) return true;
  if (m_servers.isEmpty()) {
    *error = tr("Not connected to a cluster.");
    return false;
  }
  auto client = connectClusterClient(m_servers);
  if (!client.ok()) {
    *error = tr("Cannot connect to %1: %2").arg(m_servers, statusText(client.status()));
    return false;
  }
  m_client = std::move(*client);
  // History is kept per cluster: by its id when the cluster has one (it survives port changes of a local
  // cluster), else by the bootstrap list.
  const auto clusterId = m_client->Metadata().cluster_id;
  const QString key = clusterId && !clusterId->empty() ? qs(*clusterId) : m_servers;
  m_history = std::make_unique<LagHistoryStore>(m_historyDirectory.isEmpty()
                                                    ? LagHistoryStore::defaultDirectory(key)
                                                    : m_historyDirectory + QLatin1Char('/') + key);
  return true;
}

GroupWorker::RefreshResult GroupWorker::refresh(const QString& selectedGroup) {
  RefreshResult result;
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  result.list.takenAtMs = now;
  QString error;
  if (!ensureClient(&error)) {
    result.list.error = error;
    if (!selectedGroup.isEmpty()) result.detail = GroupDetailSnapshot{selectedGroup, now, {}, {}, {}, -1, {}, {}, {}, error};
    return result;
  }
  auto listing = m_client->ListGroups();
  if (!listing.ok()) {
    result.list.error = tr("Cannot list consumer groups: %1").arg(statusText(listing.status()));
    if (listing.status().code() == Status::Code::kUnavailable) dropClient();  // reconnect next time
    if (!selectedGroup.isEmpty())
      result.detail = GroupDetailSnapshot{selectedGroup, now, {}, {}, {}, -1, {}, {}, {}, result.list.error};
    return result;
  }
  for (const client::GroupListing& entry : *listing) {
    GroupSummary summary;
    summary.groupId = qs(entry.group_id);
    summary.state = qs(entry.state);
    summary.protocolType = qs(entry.protocol_type);
    const bool selected = summary.groupId == selectedGroup;
    auto description = m_client->DescribeGroup(entry.group_id);
    if (description.ok()) {
      summary.members = static_cast<int>(description->members.size());
      if (!description->state.empty()) summary.state = qs(description->state);
    } else {
      summary.error = statusText(description.status());
    }
    auto lag = m_client->GroupLag(entry.group_id, /*with_time_lag=*/selected);
    QList<PartitionLagRow> rows;
    if (lag.ok()) {
      rows = toLagRows(*lag);
      const LagSample sample = toSample(now, rows);
      summary.totalLag = sample.totalLag;
      for (const PartitionLagRow& row : rows) summary.uncommitted += row.committed < 0 && !row.memberId.isEmpty() ? 1 : 0;
      if (!rows.isEmpty()) m_history->record(summary.groupId, sample);
    } else if (summary.error.isEmpty()) {
      summary.error = statusText(lag.status());
    }
    for (const PartitionLagRow& row : rows)
      if (!summary.topics.contains(row.tp.topic)) summary.topics.append(row.tp.topic);
    if (description.ok())  // assigned without commits, or lag unknown: the assignment still names the topics
      for (const auto& m : description->members)
        for (const TopicPartition& tp : m.assignment)
          if (!summary.topics.contains(qs(tp.topic))) summary.topics.append(qs(tp.topic));
    summary.topics.sort();
    result.list.groups.append(summary);
    if (selected) {
      GroupDetailSnapshot detail;
      detail.groupId = summary.groupId;
      detail.takenAtMs = now;
      detail.state = summary.state;
      detail.protocolType = summary.protocolType;
      if (description.ok()) {
        detail.protocol = qs(description->protocol);
        detail.coordinator = description->coordinator;
        detail.members = toMembers(*description);
      }
      detail.partitions = rows;
      detail.history = m_history->history(summary.groupId);
      if (!summary.error.isEmpty()) detail.error = tr("Cannot describe group %1: %2").arg(summary.groupId, summary.error);
      result.detail = detail;
    }
  }
  std::sort(result.list.groups.begin(), result.list.groups.end(),
            [](const auto& a, const auto& b) { return a.groupId < b.groupId; });
  if (!selectedGroup.isEmpty() && !result.detail) {
    // Not listed (deleted, or not a group of this cluster): still show what history says about it.
    GroupDetailSnapshot detail;
    detail.groupId = selectedGroup;
    detail.takenAtMs = now;
    detail.state = QStringLiteral("Dead");
    detail.history = m_history->history(selectedGroup);
    detail.error = tr("The cluster does not list the group %1.").arg(selectedGroup);
    result.detail = detail;
  }
  return result;
}

std::optional<OffsetResetPreview> GroupWorker::previewReset(const QString& group, const OffsetResetSpec& spec,
                                                            QString* error) {
  if (!ensureClient(error)) return std::nullopt;
  auto lag = m_client->GroupLag(group.toStdString(), /*with_time_lag=*/false);
  if (!lag.ok()) {
    *error = tr("Cannot read the offsets of group %1: %2").arg(group, statusText(lag.status()));
    return std::nullopt;
  }
  std::map<PartitionRef, OffsetResetPreviewRow> rows;
  for (const PartitionLagRow& row : toLagRows(*lag)) {
    if (!spec.topic.isEmpty() && row.tp.topic != spec.topic) continue;
    rows[row.tp] = OffsetResetPreviewRow{row.tp, row.committed, -1, row.logStart, row.logEnd};
  }
  if (!spec.topic.isEmpty()) {
    // A topic the group has not committed on yet can be reset too: every partition of it.
    auto earliest = m_client->ListTopicOffsets(spec.topic.toStdString(), client::kEarliestTimestamp);
    auto latest = m_client->ListTopicOffsets(spec.topic.toStdString(), client::kLatestTimestamp);
    if (!earliest.ok() || !latest.ok()) {
      *error = tr("Cannot read the offsets of topic %1: %2")
                   .arg(spec.topic, statusText(!earliest.ok() ? earliest.status() : latest.status()));
      return std::nullopt;
    }
    for (size_t i = 0; i < earliest->size() && i < latest->size(); ++i) {
      OffsetResetPreviewRow& row = rows[toRef((*earliest)[i].tp)];
      row.tp = toRef((*earliest)[i].tp);
      if ((*earliest)[i].status.ok()) row.logStart = (*earliest)[i].offset;
      if ((*latest)[i].status.ok()) row.logEnd = (*latest)[i].offset;
    }
  }
  if (rows.empty()) {
    *error = spec.topic.isEmpty() ? tr("Group %1 has no committed offsets to reset; choose a topic.").arg(group)
                                  : tr("Topic %1 has no partitions.").arg(spec.topic);
    return std::nullopt;
  }
  std::map<PartitionRef, qint64> byTime;
  if (spec.kind == OffsetResetKind::DateTime) {
    std::vector<TopicPartition> tps;
    for (const auto& [ref, row] : rows) tps.push_back(toTp(ref));
    auto offsets = m_client->ListOffsets(tps, spec.timestampMs);
    if (!offsets.ok()) {
      *error = tr("Cannot look up offsets by time: %1").arg(statusText(offsets.status()));
      return std::nullopt;
    }
    for (const client::PartitionOffset& offset : *offsets) {
      if (!offset.status.ok()) {
        *error = tr("Cannot look up offsets by time: %1").arg(statusText(offset.status));
        return std::nullopt;
      }
      byTime[toRef(offset.tp)] = offset.offset;
    }
  }
  OffsetResetPreview preview;
  preview.groupId = group;
  preview.spec = spec;
  for (auto& [ref, row] : rows) {
    switch (spec.kind) {
      case OffsetResetKind::Earliest: row.target = std::max<qint64>(row.logStart, 0); break;
      case OffsetResetKind::Latest: row.target = std::max<qint64>(row.logEnd, 0); break;
      case OffsetResetKind::DateTime: {
        // No record at or after the time: the consumer starts at the end, as kafka-consumer-groups does.
        const qint64 found = byTime.count(ref) ? byTime[ref] : -1;
        row.target = found >= 0 ? found : std::max<qint64>(row.logEnd, 0);
        break;
      }
      case OffsetResetKind::ShiftBy: {
        const qint64 base = row.current >= 0 ? row.current : std::max<qint64>(row.logStart, 0);
        row.target = clampTo(base + spec.shiftBy, row.logStart, row.logEnd);
        break;
      }
      case OffsetResetKind::Specific: row.target = clampTo(spec.offset, row.logStart, row.logEnd); break;
    }
    preview.rows.append(row);
  }
  return preview;
}

bool GroupWorker::executeReset(const OffsetResetPreview& preview, QString* error) {
  if (!ensureClient(error)) return false;
  std::map<TopicPartition, int64_t> offsets;
  for (const OffsetResetPreviewRow& row : preview.rows) offsets[toTp(row.tp)] = row.target;
  const Status status = m_client->CommitOffsets(preview.groupId.toStdString(), offsets);
  if (!status.ok()) {
    *error = tr("Kafka refused to reset the offsets of group %1: %2").arg(preview.groupId, statusText(status));
    return false;
  }
  return true;
}

bool GroupWorker::deleteGroup(const QString& group, QString* error) {
  if (!ensureClient(error)) return false;
  auto results = m_client->DeleteGroups({group.toStdString()});
  Status status = results.ok() ? Status::Ok() : results.status();
  if (results.ok())
    for (const client::ItemStatus& item : *results)
      if (!item.status.ok()) status = item.status;
  if (!status.ok()) {
    *error = tr("Cannot delete group %1: %2").arg(group, statusText(status));
    return false;
  }
  return true;
}

}  // namespace partita::app
