// ReplicaChip: how one replica of a partition is drawn (a chip with the broker id, a colour and a shape).
// Models return QList<ReplicaChip> under kChipsRole; ReplicaChipsDelegate paints them. A plain value.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include "app/bridge/cluster_snapshot.h"

namespace partita::ui {

enum class ChipKind { Leader, InSync, OutOfSync, Offline };

struct ReplicaChip {
  int broker = -1;
  ChipKind kind = ChipKind::InSync;
  bool operator==(const ReplicaChip&) const = default;
};

inline constexpr int kChipsRole = Qt::UserRole + 10;

// The replicas of `p` in assignment order, each classified; brokers the snapshot marks dead are Offline.
QList<ReplicaChip> replicaChips(const app::PartitionState& p, const app::ClusterSnapshot* snapshot);
// The ISR only (in-sync or leader).
// The ISR as Kafka records it. An offline partition keeps its last ISR member in ZooKeeper although that broker
// is down (it would lead otherwise), so those members, and members whose broker is not alive, are offline chips.
QList<ReplicaChip> isrChips(const app::PartitionState& p, const app::ClusterSnapshot* snapshot = nullptr);
// Readable without colour: "1 (leader), 2, 3 (out of sync)".
QString chipsText(const QList<ReplicaChip>& chips);
QString chipKindName(ChipKind kind);

}  // namespace partita::ui

Q_DECLARE_METATYPE(partita::ui::ReplicaChip)
