// PartitionRef: a topic partition as the app and the UI name it (Qt types, no engine types). A plain value,
// usable as a QHash / QMap key and in queued signals.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace partita::app {

struct PartitionRef {
  QString topic;
  int partition = 0;
  friend bool operator==(const PartitionRef&, const PartitionRef&) = default;
  friend bool operator<(const PartitionRef& a, const PartitionRef& b) {
    return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
  }
  friend size_t qHash(const PartitionRef& ref, size_t seed = 0) noexcept {
    return qHashMulti(seed, ref.topic, ref.partition);
  }
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::PartitionRef)
