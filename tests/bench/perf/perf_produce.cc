#include "perf_produce.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include "perf_client.h"

namespace partita::perf {

namespace {

// Everything the delivery-report callback touches. Both arrays are sized once
// before the first send; msg_opaque carries the record's sequence number.
struct ProduceState {
  std::vector<int64_t> send_ns;      // Indexed by sequence number.
  std::vector<uint32_t> latency_us;  // One sample per successful delivery, in DR order.
  int64_t delivered = 0;
  int64_t failed = 0;
  int64_t last_report_ns = 0;
  std::string first_error;
  // Progress window, reset by each progress line.
  int64_t window_count = 0;
  int64_t window_latency_sum_us = 0;
  uint32_t window_latency_max_us = 0;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* state = static_cast<ProduceState*>(opaque);
  int64_t now = NowNs();
  state->last_report_ns = now;
  auto seq = reinterpret_cast<uintptr_t>(message->_private);  // The msg_opaque.
  if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR || seq >= state->send_ns.size()) {
    if (state->failed++ == 0) {
      state->first_error = std::string("delivery: ") + rd_kafka_err2str(message->err);
    }
    return;
  }
  int64_t micros = (now - state->send_ns[seq]) / 1000;
  auto sample = static_cast<uint32_t>(
      std::clamp<int64_t>(micros, 0, std::numeric_limits<uint32_t>::max()));
  state->latency_us[state->delivered++] = sample;
  state->window_count++;
  state->window_latency_sum_us += sample;
  state->window_latency_max_us = std::max(state->window_latency_max_us, sample);
}

// Kafka's progress line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max".
void PrintWindow(ProduceState* state, int64_t window_ns, int record_size) {
  double seconds = window_ns / 1e9;
  double rate = state->window_count / seconds;
  double avg = state->window_count > 0
                   ? state->window_latency_sum_us / 1000.0 / state->window_count
                   : 0.0;
  std::printf("%lld records sent, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, "
              "%.1f ms max latency.\n",
              static_cast<long long>(state->window_count), rate,
              rate * record_size / 1048576.0, avg, state->window_latency_max_us / 1000.0);
  std::fflush(stdout);
  state->window_count = 0;
  state->window_latency_sum_us = 0;
  state->window_latency_max_us = 0;
}

rd_kafka_conf_t* MakeConf(const Options& options, const std::string& bootstrap_servers,
                          ProduceState* state, std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const bool transactional = options.transaction_size > 0;
  // A transactional producer is idempotent, which needs acks=all; a fresh id per run (nothing to fence).
  bool ok = SetConf(conf, "bootstrap.servers", bootstrap_servers, error) &&
            SetConf(conf, "acks", transactional ? "all" : options.acks, error) &&
            (!transactional ||
             SetConf(conf, "transactional.id", "partita-perf-" + std::to_string(NowNs()), error)) &&
            SetConf(conf, "compression.type", options.compression, error) &&
            SetConf(conf, "linger.ms", std::to_string(options.linger_ms), error) &&
            (options.batch_size <= 0 ||
             SetConf(conf, "batch.size", std::to_string(options.batch_size), error)) &&
            SetConfList(conf, options.extra, error);
  if (!ok) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  rd_kafka_conf_set_opaque(conf, state);
  return conf;
}

// Transactions of options.transaction_size records: Begin() once, Boundary() before each record, Finish() at
// the end. Commit latency = the time commit_transaction() takes (it flushes the open records, then EndTxn).
class TxnPacer {
 public:
  TxnPacer(rd_kafka_t* rk, int64_t size) : rk_(rk), size_(size) {}
  bool active() const { return size_ > 0; }
  bool Begin(std::string* error) {
    if (!active()) return true;
    if (!Check(rd_kafka_init_transactions(rk_, 60000), "init_transactions", error)) return false;
    return Check(rd_kafka_begin_transaction(rk_), "begin_transaction", error);
  }
  // Commits and begins the next transaction when the current one is full. False on a transaction error.
  bool Boundary(std::string* error) {
    if (!active() || in_txn_ < size_) return true;
    if (!Commit(error)) return false;
    return Check(rd_kafka_begin_transaction(rk_), "begin_transaction", error);
  }
  void Produced() { ++in_txn_; }
  bool Finish(std::string* error) { return !active() || in_txn_ == 0 || Commit(error); }
  int64_t committed() const { return static_cast<int64_t>(commit_us_.size()); }
  LatencySummary Summary() { return SummarizeLatency(&commit_us_); }

 private:
  bool Commit(std::string* error) {
    const int64_t start = NowNs();
    if (!Check(rd_kafka_commit_transaction(rk_, 60000), "commit_transaction", error)) return false;
    commit_us_.push_back(static_cast<uint32_t>((NowNs() - start) / 1000));
    in_txn_ = 0;
    return true;
  }
  static bool Check(rd_kafka_error_t* e, const char* what, std::string* error) {
    if (e == nullptr) return true;
    *error = std::string(what) + ": " + rd_kafka_error_string(e);
    rd_kafka_error_destroy(e);
    return false;
  }
  rd_kafka_t* rk_;
  int64_t size_;
  int64_t in_txn_ = 0;
  std::vector<uint32_t> commit_us_;
};

}  // namespace

bool RunProduce(const Options& options, const std::string& bootstrap_servers,
                const std::string& target, bool quiet, const std::atomic<bool>& stop,
                ProduceResult* result, std::string* error) {
  *result = ProduceResult();
  result->target = target;
  const auto n = static_cast<size_t>(options.num_records);

  ProduceState state;
  state.send_ns.assign(n, 0);      // Touch the pages now, not inside the timed loop.
  state.latency_us.assign(n, 0);

  // One payload for all records (as Kafka's tool does without --payload-file):
  // random upper-case letters, passed without RD_KAFKA_MSG_F_COPY.
  std::vector<char> payload(static_cast<size_t>(options.record_size));
  std::mt19937 rng(42);
  for (char& c : payload) c = static_cast<char>('A' + rng() % 26);

  rd_kafka_conf_t* conf = MakeConf(options, bootstrap_servers, &state, error);
  if (conf == nullptr) return false;
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    *error = std::string("creating producer: ") + errstr;
    return false;
  }
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, options.topic.c_str(), nullptr);
  int partitions = 0;
  if (!WaitForTopic(rk, rkt, 15000, &partitions, error)) {
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return false;
  }
  if (!quiet) {
    std::printf("producing %lld records of %d bytes to %s (%d partitions) on %s\n",
                static_cast<long long>(options.num_records), options.record_size,
                options.topic.c_str(), partitions, target.c_str());
    std::fflush(stdout);
  }

  TxnPacer txn(rk, options.transaction_size);
  std::string txn_error;
  if (!txn.Begin(&txn_error)) {
    *error = txn_error;
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return false;
  }
  const bool throttled = options.throughput > 0;
  const int64_t report_ns = quiet ? 0 : int64_t{options.report_interval_ms} * 1000000;
  const int64_t start = NowNs();
  int64_t window_start = start;
  int64_t sent = 0;
  int64_t produce_errors = 0;
  while (sent < options.num_records && !stop.load(std::memory_order_relaxed)) {
    if (throttled) {
      auto due = start + static_cast<int64_t>(static_cast<double>(sent) * 1e9 / options.throughput);
      int64_t ahead = due - NowNs();
      if (ahead > 0) {
        // Serve delivery reports while waiting; sleep the sub-millisecond rest.
        if (ahead >= 1000000) {
          rd_kafka_poll(rk, static_cast<int>(ahead / 1000000));
        } else {
          std::this_thread::sleep_for(std::chrono::nanoseconds(ahead));
        }
        continue;
      }
    }
    if (!txn.Boundary(&txn_error)) {
      ++produce_errors;
      if (state.first_error.empty()) state.first_error = txn_error;
      break;
    }
    auto seq = static_cast<uintptr_t>(sent);
    state.send_ns[seq] = NowNs();  // Rewritten on a retry: latency starts at acceptance.
    if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, 0, payload.data(), payload.size(), nullptr,
                         0, reinterpret_cast<void*>(seq)) == -1) {
      rd_kafka_resp_err_t err = rd_kafka_last_error();
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        // Not RD_KAFKA_MSG_F_BLOCK: this thread is the one serving delivery
        // reports, and blocking it would keep the queue full forever.
        rd_kafka_poll(rk, 1);
        continue;
      }
      ++produce_errors;
      if (state.first_error.empty()) state.first_error = std::string("produce: ") + rd_kafka_err2str(err);
      break;  // Anything but a full queue (unknown topic, fatal error) will not improve.
    }
    ++sent;
    txn.Produced();
    if ((sent & 1023) == 0) {
      rd_kafka_poll(rk, 0);
      if (report_ns > 0) {
        int64_t now = NowNs();
        if (now - window_start >= report_ns) {
          PrintWindow(&state, now - window_start, options.record_size);
          window_start = now;
        }
      }
    }
  }

  if (produce_errors == 0 && !txn.Finish(&txn_error)) {
    ++produce_errors;
    if (state.first_error.empty()) state.first_error = txn_error;
  }
  const int64_t committed_at = NowNs();  // Transactional: the run ends with the last commit.
  // Flush in slices so a Ctrl-C during a stuck flush still ends the run.
  while (rd_kafka_flush(rk, 1000) == RD_KAFKA_RESP_ERR__TIMED_OUT) {
    if (stop.load(std::memory_order_relaxed)) {
      rd_kafka_flush(rk, 2000);
      break;
    }
  }
  rd_kafka_poll(rk, 0);
  int64_t end = state.last_report_ns > start ? state.last_report_ns : NowNs();
  if (txn.active()) end = std::max(end, committed_at);

  // Records still queued after an interrupted flush never got a report.
  int64_t unreported = sent - state.delivered - state.failed;
  result->partitions = partitions;
  result->sent = sent;
  result->delivered = state.delivered;
  result->errors = state.failed + produce_errors;
  result->first_error = state.first_error;
  if (stop.load() && sent < options.num_records && result->first_error.empty()) {
    result->first_error = "interrupted after " + std::to_string(sent) + " records";
  }
  if (unreported > 0 && result->first_error.empty()) {
    result->first_error = std::to_string(unreported) + " records without a delivery report";
  }
  result->payload_bytes = state.delivered * options.record_size;
  result->elapsed_s = (end - start) / 1e9;
  state.latency_us.resize(static_cast<size_t>(state.delivered));
  result->latency = SummarizeLatency(&state.latency_us);
  result->transactions = txn.committed();
  result->commit_latency = txn.Summary();

  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(rk);
  return true;
}

}  // namespace partita::perf
