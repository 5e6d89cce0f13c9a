#include "ui/models/replica_chip.h"

#include <QCoreApplication>
#include <QStringList>

namespace partita::ui {

QList<ReplicaChip> replicaChips(const app::PartitionState& p, const app::ClusterSnapshot* snapshot) {
  QList<ReplicaChip> chips;
  chips.reserve(p.replicas.size());
  for (int r : p.replicas) {
    ReplicaChip chip{r, ChipKind::OutOfSync};
    const app::BrokerState* broker = snapshot != nullptr ? snapshot->findBroker(r) : nullptr;
    if (p.offline.contains(r) || (snapshot != nullptr && (broker == nullptr || !broker->alive))) {
      chip.kind = ChipKind::Offline;
    } else if (r == p.leader) {
      chip.kind = ChipKind::Leader;
    } else if (p.isr.contains(r)) {
      chip.kind = ChipKind::InSync;
    }
    chips << chip;
  }
  return chips;
}

QList<ReplicaChip> isrChips(const app::PartitionState& p, const app::ClusterSnapshot* snapshot) {
  QList<ReplicaChip> chips;
  for (int r : p.isr) {
    const app::BrokerState* broker = snapshot != nullptr ? snapshot->findBroker(r) : nullptr;
    const bool down = p.isOffline() || p.offline.contains(r) || (snapshot != nullptr && (broker == nullptr || !broker->alive));
    chips << ReplicaChip{r, down ? ChipKind::Offline : r == p.leader ? ChipKind::Leader : ChipKind::InSync};
  }
  return chips;
}

QString chipKindName(ChipKind kind) {
  switch (kind) {
    case ChipKind::Leader: return QCoreApplication::translate("ReplicaChip", "leader");
    case ChipKind::InSync: return QCoreApplication::translate("ReplicaChip", "in sync");
    case ChipKind::OutOfSync: return QCoreApplication::translate("ReplicaChip", "out of sync");
    case ChipKind::Offline: return QCoreApplication::translate("ReplicaChip", "offline");
  }
  return {};
}

QString chipsText(const QList<ReplicaChip>& chips) {
  QStringList parts;
  for (const auto& c : chips) {
    parts << (c.kind == ChipKind::InSync ? QString::number(c.broker)
                                         : QStringLiteral("%1 (%2)").arg(c.broker).arg(chipKindName(c.kind)));
  }
  return parts.join(QStringLiteral(", "));
}

}  // namespace partita::ui
