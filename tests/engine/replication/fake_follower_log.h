// Test fake: an in-memory replica log for the truncation rules — one tag per offset plus a leader-epoch history
// with Kafka's LeaderEpochFileCache semantics (written independently of storage::LeaderEpochCache, so the
// tests compare two implementations). Also serves as a fake leader (Answer = OffsetForLeaderEpoch).
// Thread safety: none (single-threaded tests).
#pragma once

#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "engine/replication/follower_log.h"

namespace partita::replication::testing {

class FakeFollowerLog final : public FollowerLog {
 public:
  // Builder: `count` records tagged "<tag>-<i>" written in `epoch` (epoch entry added if new).
  FakeFollowerLog& Write(int32_t epoch, int count, const std::string& tag) {
    if (epochs_.empty() || epochs_.rbegin()->first != epoch) epochs_[epoch] = static_cast<int64_t>(records_.size());
    for (int i = 0; i < count; ++i) records_.push_back({epoch, tag + "-" + std::to_string(i)});
    return *this;
  }
  // An epoch assigned without records (a leader elected that wrote nothing before it failed).
  FakeFollowerLog& EmptyEpoch(int32_t epoch) {
    epochs_[epoch] = static_cast<int64_t>(records_.size());
    return *this;
  }
  FakeFollowerLog& SetHighWatermark(int64_t hw) {
    hw_ = hw;
    return *this;
  }
  FakeFollowerLog& DropEpochs() {
    epochs_.clear();
    return *this;
  }

  // OffsetForLeaderEpoch on this log as a leader (Kafka's LeaderEpochFileCache.endOffsetFor).
  EpochEndOffset Answer(int32_t requested) const {
    if (requested == kUndefinedEpoch || epochs_.empty()) return {};
    if (epochs_.rbegin()->first == requested) return {requested, LogEndOffset().value};
    auto higher = epochs_.upper_bound(requested);
    if (higher == epochs_.end()) return {};
    if (higher == epochs_.begin()) return {requested, higher->second};
    return {std::prev(higher)->first, higher->second};
  }

  std::vector<std::string> Tags() const {
    std::vector<std::string> out;
    for (const auto& r : records_) out.push_back(r.tag);
    return out;
  }
  std::map<int32_t, int64_t> Epochs() const { return epochs_; }
  int truncations() const { return truncations_; }

  // FollowerLog
  const TopicPartition& topic_partition() const override { return tp_; }
  Offset LogStartOffset() const override { return Offset(0); }
  Offset LogEndOffset() const override { return Offset(static_cast<int64_t>(records_.size())); }
  Offset HighWatermark() const override { return Offset(hw_); }
  std::optional<int32_t> LatestEpoch() const override {
    if (epochs_.empty()) return std::nullopt;
    return epochs_.rbegin()->first;
  }
  std::optional<EpochEndOffset> EndOffsetForEpoch(int32_t epoch) const override {
    EpochEndOffset e = Answer(epoch);
    if (e.end_offset == kUndefinedEpochOffset) return std::nullopt;
    return e;
  }
  Status TruncateTo(Offset offset) override {
    ++truncations_;
    const int64_t end = std::min<int64_t>(offset.value, LogEndOffset().value);
    records_.resize(static_cast<size_t>(end));
    for (auto it = epochs_.begin(); it != epochs_.end();) it = it->second >= end ? epochs_.erase(it) : std::next(it);
    hw_ = std::min(hw_, end);
    return Status::Ok();
  }
  Status TruncateFullyAndStartAt(Offset) override { return Status::Unsupported("not used by these tests"); }
  Status AppendFetched(std::span<const uint8_t>) override { return Status::Unsupported("not used by these tests"); }
  void UpdateFollowerHighWatermark(Offset leader_hw) override { hw_ = std::min(leader_hw.value, LogEndOffset().value); }

 private:
  struct Entry {
    int32_t epoch;
    std::string tag;
  };
  TopicPartition tp_{"t", PartitionId(0)};
  std::vector<Entry> records_;
  std::map<int32_t, int64_t> epochs_;  // epoch -> start offset
  int64_t hw_ = 0;
  int truncations_ = 0;
};

}  // namespace partita::replication::testing
