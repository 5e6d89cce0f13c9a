// Registry: the metrics of one broker (or any component) — named families of counters, gauges and histograms,
// each with labelled children — plus collectors, callbacks that write metrics computed at scrape time (partition
// health, log sizes, group lag) so that nothing on a hot path maintains them. Expose() renders everything in the
// Prometheus text format, families sorted by name.
// Recording: Get* registers a child on first use (under a mutex) and returns a shared_ptr the caller keeps; the
// hot path then records on it without a lookup (see metric.h). Remove* drops children from the exposition; a
// caller still holding one records into an object nobody reads any more, never into freed memory.
// Names follow the 0.0.4 text format, where a sample's name is its family's: counters are named with their
// "_total" suffix (kafka_server_bytes_in_total), histograms without their _bucket/_sum/_count suffixes.
// A name registered with one kind stays that kind: asking for it as another kind returns a detached object
// (recorded, never exposed) and logs the programming error once.
// Thread safety: thread-safe. Collectors run on the thread calling Expose() and must be thread-safe themselves.
// Ownership: the registry shares ownership of its children with the callers of Get*.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/metrics/exposition.h"
#include "engine/metrics/metric.h"

namespace partita::metrics {

class Registry {
 public:
  using Collector = std::function<void(MetricWriter&)>;

  std::shared_ptr<Counter> GetCounter(const std::string& name, const std::string& help, const Labels& labels = {});
  std::shared_ptr<Gauge> GetGauge(const std::string& name, const std::string& help, const Labels& labels = {});
  std::shared_ptr<Histogram> GetHistogram(const std::string& name, const std::string& help, const Labels& labels,
                                          const std::vector<double>& bounds);
  // Drops every child (of any family) that has the label `label`=`value` (e.g. topic="orders" once the topic
  // is deleted, as Kafka's BrokerTopicStats.removeMetrics).
  void RemoveLabelled(const std::string& label, const std::string& value);

  // A collector writes whole families (BeginFamily then samples) under names no Get* uses.
  int AddCollector(Collector collector);
  void RemoveCollector(int id);

  std::string Expose() const;

 private:
  struct Child {
    std::shared_ptr<Counter> counter;
    std::shared_ptr<Gauge> gauge;
    std::shared_ptr<Histogram> histogram;
  };
  struct Family {
    MetricKind kind;
    std::string help;
    std::map<Labels, Child> children;
  };
  // The family `name` of `kind`, created if new; null if it exists with another kind.
  Family* FamilyFor(const std::string& name, const std::string& help, MetricKind kind);

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
  std::map<int, Collector> collectors_;
  int next_collector_id_ = 1;
};

}  // namespace partita::metrics
