#include "engine/metrics/registry.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace partita::metrics {

Registry::Family* Registry::FamilyFor(const std::string& name, const std::string& help, MetricKind kind) {
  auto [it, inserted] = families_.try_emplace(name, Family{kind, help, {}});
  if (!inserted && it->second.kind != kind) {
    spdlog::error("metric {} is a {}, not a {}; the new one is not exposed", name, KindName(it->second.kind),
                  KindName(kind));
    return nullptr;
  }
  return &it->second;
}

std::shared_ptr<Counter> Registry::GetCounter(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(mu_);
  Family* family = FamilyFor(name, help, MetricKind::kCounter);
  if (!family) return std::make_shared<Counter>();
  auto& child = family->children[labels];
  if (!child.counter) child.counter = std::make_shared<Counter>();
  return child.counter;
}

std::shared_ptr<Gauge> Registry::GetGauge(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(mu_);
  Family* family = FamilyFor(name, help, MetricKind::kGauge);
  if (!family) return std::make_shared<Gauge>();
  auto& child = family->children[labels];
  if (!child.gauge) child.gauge = std::make_shared<Gauge>();
  return child.gauge;
}

std::shared_ptr<Histogram> Registry::GetHistogram(const std::string& name, const std::string& help,
                                                  const Labels& labels, const std::vector<double>& bounds) {
  std::lock_guard lock(mu_);
  Family* family = FamilyFor(name, help, MetricKind::kHistogram);
  if (!family) return std::make_shared<Histogram>(bounds);
  auto& child = family->children[labels];
  if (!child.histogram) child.histogram = std::make_shared<Histogram>(bounds);
  return child.histogram;
}

void Registry::RemoveLabelled(const std::string& label, const std::string& value) {
  std::lock_guard lock(mu_);
  for (auto& [name, family] : families_) {
    std::erase_if(family.children, [&](const auto& entry) {
      const Labels& labels = entry.first;
      return std::find(labels.begin(), labels.end(), std::make_pair(label, value)) != labels.end();
    });
  }
}

int Registry::AddCollector(Collector collector) {
  std::lock_guard lock(mu_);
  const int id = next_collector_id_++;
  collectors_.emplace(id, std::move(collector));
  return id;
}

void Registry::RemoveCollector(int id) {
  std::lock_guard lock(mu_);
  collectors_.erase(id);
}

std::string Registry::Expose() const {
  std::string out;
  MetricWriter writer(&out);
  std::map<int, Collector> collectors;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, family] : families_) {
      if (family.children.empty()) continue;
      if (!writer.BeginFamily(name, family.help, family.kind)) continue;
      for (const auto& [labels, child] : family.children) {
        switch (family.kind) {
          case MetricKind::kCounter:
            writer.Sample(labels, static_cast<double>(child.counter->Value()));
            break;
          case MetricKind::kGauge:
            writer.Sample(labels, child.gauge->Value());
            break;
          case MetricKind::kHistogram:
            writer.HistogramSamples(labels, child.histogram->upper_bounds(), child.histogram->Read());
            break;
        }
      }
    }
    collectors = collectors_;
  }
  // Outside the lock: a collector may take its component's locks, which hot paths hold while recording.
  for (const auto& [id, collect] : collectors) collect(writer);
  return out;
}

}  // namespace partita::metrics
