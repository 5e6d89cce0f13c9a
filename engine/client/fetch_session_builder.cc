#include "engine/client/fetch_session_builder.h"

#include "engine/protocol/error_code.h"

namespace partita::client {

using protocol::ErrorCode;
using protocol::FetchRequest;

namespace {

bool SameParameters(const FetchRequest::Partition& a, const FetchRequest::Partition& b) {
  return a.fetch_offset == b.fetch_offset && a.partition_max_bytes == b.partition_max_bytes &&
         a.current_leader_epoch == b.current_leader_epoch && a.log_start_offset == b.log_start_offset &&
         a.last_fetched_epoch == b.last_fetched_epoch;
}

protocol::Uuid IdOf(const FetchSessionBuilder::TopicIds* ids, const std::string& topic) {
  if (!ids) return {};
  auto it = ids->find(topic);
  return it == ids->end() ? protocol::Uuid{} : it->second;
}

void Append(FetchRequest* request, const TopicPartition& tp, const FetchRequest::Partition& p,
            const FetchSessionBuilder::TopicIds* ids) {
  if (request->topics.empty() || request->topics.back().topic != tp.topic) {
    auto& topic = request->topics.emplace_back();
    topic.topic = tp.topic;
    topic.topic_id = IdOf(ids, tp.topic);
  }
  request->topics.back().partitions.push_back(p);
}

void AddForgotten(FetchRequest* request, const TopicPartition& tp, const FetchSessionBuilder::TopicIds* ids) {
  auto& forgotten = request->forgotten_topics_data;
  if (forgotten.empty() || forgotten.back().topic != tp.topic) {
    auto& topic = forgotten.emplace_back();
    topic.topic = tp.topic;
    topic.topic_id = IdOf(ids, tp.topic);
  }
  forgotten.back().partitions.push_back(tp.partition.value);
}

}  // namespace

void FetchSessionBuilder::NameTopics(const TopicIds& ids, protocol::FetchResponse* response) {
  for (auto& topic : response->responses) {
    topic.topic.clear();
    for (const auto& [name, id] : ids) {
      if (id == topic.topic_id) {
        topic.topic = name;
        break;
      }
    }
  }
}

void FetchSessionBuilder::Set(const TopicPartition& tp, const FetchRequest::Partition& p) {
  auto [it, added] = in_session_.try_emplace(tp, p);
  if (!added) {
    if (SameParameters(it->second, p)) return;
    it->second = p;
  }
  changed_.insert(tp);
  removed_.erase(tp);
}

void FetchSessionBuilder::Remove(const TopicPartition& tp) {
  if (in_session_.erase(tp) == 0) return;
  changed_.erase(tp);
  removed_.insert(tp);
}

void FetchSessionBuilder::Build(Wanted wanted, int16_t version, FetchRequest* request, const TopicIds* ids) {
  // Both maps are sorted alike: one merge pass finds the new, changed and no longer wanted partitions.
  auto have = in_session_.begin();
  for (const auto& [tp, p] : wanted) {
    while (have != in_session_.end() && have->first < tp) removed_.insert(removed_.end(), (have++)->first);
    if (have != in_session_.end() && have->first == tp) {
      if (!SameParameters(have->second, p)) changed_.insert(changed_.end(), tp);
      ++have;
    } else {
      changed_.insert(changed_.end(), tp);
    }
  }
  while (have != in_session_.end()) removed_.insert(removed_.end(), (have++)->first);
  in_session_ = std::move(wanted);
  BuildChanges(version, request, ids);
}

void FetchSessionBuilder::BuildChanges(int16_t version, FetchRequest* request, const TopicIds* ids) {
  if (version < 13) ids = nullptr;
  // A broker's session holds its partitions by name or by id (KIP-516): switching starts a new session.
  if ((ids != nullptr) != session_by_id_) {
    Reset();
    session_by_id_ = ids != nullptr;
  }
  request->topics.clear();
  request->forgotten_topics_data.clear();
  sessions_supported_ = version >= 7;
  last_incremental_ = sessions_supported_ && session_id_ != 0 && next_epoch_ > 0;
  if (last_incremental_) {
    request->session_id = session_id_;
    request->session_epoch = next_epoch_;
    for (const auto& tp : changed_) Append(request, tp, in_session_.at(tp), ids);
    for (const auto& tp : removed_) AddForgotten(request, tp, ids);
  } else {
    request->session_id = 0;
    request->session_epoch = sessions_supported_ ? 0 : -1;
    for (const auto& [tp, p] : in_session_) Append(request, tp, p, ids);
  }
  changed_.clear();
  removed_.clear();
}

bool FetchSessionBuilder::OnResponse(const protocol::FetchResponse& response) {
  if (!sessions_supported_) return true;
  const auto error = static_cast<ErrorCode>(response.error_code);
  if (error == ErrorCode::kFetchSessionIdNotFound || error == ErrorCode::kInvalidFetchSessionEpoch) {
    Reset();
    return false;
  }
  if (response.session_id == 0) {
    // No session (the broker's cache is full, or it closed ours): full fetches, asking again each time.
    Reset();
    return true;
  }
  session_id_ = response.session_id;
  next_epoch_ = last_incremental_ ? (next_epoch_ == INT32_MAX ? 1 : next_epoch_ + 1) : 1;
  return true;
}

void FetchSessionBuilder::Reset() {
  session_id_ = 0;
  next_epoch_ = 0;
  changed_.clear();  // the next fetch is a full one
  removed_.clear();
}

}  // namespace partita::client
