#include "ui/models/brokers_model.h"

#include <QIcon>
#include <QLocale>

#include "ui/resources.h"

namespace partita::ui {
namespace {

QString rate(double perSecond) { return QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0); }

}  // namespace

BrokersModel::BrokersModel(QObject* parent) : SnapshotTableModel(parent) {}

void BrokersModel::setSnapshot(const app::SnapshotPtr& snapshot) {
  const bool same = m_snapshot && snapshot &&
                    sameKeys(m_snapshot->brokers, snapshot->brokers, [](const app::BrokerState& b) { return b.id; });
  replaceData(same, [&] { m_snapshot = snapshot; });
}

int BrokersModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !m_snapshot ? 0 : int(m_snapshot->brokers.size());
}

int BrokersModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BrokersModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const app::BrokerState& b = m_snapshot->brokers[index.row()];
  if (const QVariant stale = staleData(role); stale.isValid()) return stale;
  switch (role) {
    case kBrokerIdRole: return b.id;
    case kLocalRole: return b.local;
    case kAliveRole: return b.alive;
    case Qt::TextAlignmentRole:
      return index.column() == Address || index.column() == Rack || index.column() == Status
                 ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                 : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DecorationRole:
      if (index.column() == Id) return icon(b.controller ? QStringLiteral("controller") : QStringLiteral("broker"));
      if (index.column() == Status && isStale()) return icon(QStringLiteral("state-warning"));  // not known now
      if (index.column() == Status)
        return icon(b.alive ? QStringLiteral("state-ok")
                            : (b.killed ? QStringLiteral("state-offline") : QStringLiteral("state-stopped")));
      return {};
    case Qt::ToolTipRole:
      if (index.column() == Id && b.controller) return tr("Broker %1 is the controller").arg(b.id);
      if (index.column() == Status && !b.alive && b.killed)
        return tr("Killed like a crash: the cluster keeps counting it until its ZooKeeper session expires "
                  "(zookeeper.session.timeout.ms), then moves its leaderships.");
      if (index.column() == Status && !b.alive && b.local)
        return tr("Stopped cleanly: its leaderships moved to other in-sync replicas before it stopped.");
      return {};
    case Qt::DisplayRole:
      switch (index.column()) {
        case Id: return b.controller ? tr("%1 (controller)").arg(b.id) : QString::number(b.id);
        case Address: return b.address();
        case Rack: return b.rack.isEmpty() ? QStringLiteral("—") : b.rack;
        case Status: {
          const QString state = b.alive   ? (b.local ? tr("Running") : tr("Alive"))
                                : b.killed ? tr("Killed")
                                           : (b.local ? tr("Stopped") : tr("Offline"));
          return isStale() ? tr("%1 (last seen %2)").arg(state, lastSeenText()) : state;
        }
        case PartitionsLed: return b.partitionsLed;
        case UnderReplicated: return b.underReplicated;
        case ProduceRate: return rate(b.produceRate);
        case FetchRate: return rate(b.fetchRate);
      }
      return {};
  }
  return {};
}

QVariant BrokersModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return SnapshotTableModel::headerData(section, orientation, role);
  switch (section) {
    case Id: return tr("Broker");
    case Address: return tr("Host:port");
    case Rack: return tr("Rack");
    case Status: return tr("State");
    case PartitionsLed: return tr("Leader of");
    case UnderReplicated: return tr("Under-replicated");
    case ProduceRate: return tr("Produce msg/s");
    case FetchRate: return tr("Replication msg/s");
  }
  return {};
}

}  // namespace partita::ui
