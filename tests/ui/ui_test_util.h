// Helpers shared by the UI tests: snapshots built by hand, and screenshots kept in the build tree
// (test-artifacts/ui) for humans to look at.
#pragma once

#include <QDir>
#include <QSharedPointer>
#include <QWidget>

#include "app/bridge/cluster_snapshot.h"

namespace partita::uitest {

inline void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

// `brokers` brokers (1..n, broker 1 the controller); `topics` topics "topic-00000"... with `partitions`
// partitions of replication factor min(3, brokers); every third partition of topic 1 is under-replicated.
inline QSharedPointer<app::ClusterSnapshot> makeSnapshot(int brokers, int topics, int partitions, qint64 hw = 100) {
  auto s = QSharedPointer<app::ClusterSnapshot>::create();
  s->taken = QDateTime::currentDateTime();
  s->bootstrapServers = QStringLiteral("127.0.0.1:9092");
  s->clusterId = QStringLiteral("test-cluster");
  s->controllerId = 1;
  for (int b = 1; b <= brokers; ++b) {
    app::BrokerState state;
    state.id = b;
    state.host = QStringLiteral("127.0.0.1");
    state.port = 9091 + b;
    state.controller = b == 1;
    state.local = true;
    state.partitionsLed = partitions;
    state.produceRate = 10.0 * b;
    s->brokers << state;
  }
  const int rf = std::min(3, brokers);
  for (int t = 0; t < topics; ++t) {
    app::TopicState topic;
    topic.name = QStringLiteral("topic-%1").arg(t, 5, 10, QLatin1Char('0'));
    topic.internal = t == 0;
    topic.sizeBytes = 1024 * (t + 1);
    for (int p = 0; p < partitions; ++p) {
      app::PartitionState ps;
      ps.partition = p;
      for (int r = 0; r < rf; ++r) ps.replicas << 1 + (p + r) % brokers;
      ps.leader = ps.replicas.first();
      ps.leaderEpoch = 3;
      ps.isr = ps.replicas;
      if (t == 1 && p % 3 == 0 && rf > 1) ps.isr.removeLast();
      ps.logStartOffset = 0;
      ps.highWatermark = hw;
      ps.logEndOffset = hw;
      topic.partitions << ps;
    }
    s->topics << topic;
  }
  return s;
}

}  // namespace partita::uitest
