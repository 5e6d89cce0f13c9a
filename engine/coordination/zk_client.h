// ZkClient: a synchronous, RAII wrapper over the ZooKeeper C client (zookeeper_mt) that survives session expiry.
//
// Contract
// - Connect() blocks until the session is established or the timeout passes.
// - Every operation is synchronous and returns a Status (MultiPipelined and GetMany pipeline many requests
//   through the C client's asynchronous API and return when all are answered). Error mapping (documented, other modules rely on it):
//     ZNONODE -> NotFound, ZNODEEXISTS -> AlreadyExists, ZNOTEMPTY -> Aborted("not empty: ..."),
//     ZBADVERSION -> Aborted with a message starting "bad version" (test with IsBadVersion()),
//     ZCONNECTIONLOSS / ZOPERATIONTIMEOUT / ZSESSIONEXPIRED / ZINVALIDSTATE / ZCLOSING -> Unavailable,
//     ZBADARGUMENTS -> InvalidArgument, anything else -> IOError with zerror()'s text.
// - Watches are one-shot std::function callbacks (data via Get, children via GetChildren, existence via Exists).
//   A watch that was set in a session that later expired never fires: owners re-read and re-watch from their
//   on-new-session callback.
// - Session expiry: the wrapper closes the dead handle, opens a NEW session (retrying until it succeeds or the
//   client is destroyed) and then calls every registered session listener, so owners can re-create their
//   ephemeral nodes and re-set their watches. Transient connection loss is handled by the C client itself (same
//   session, watches kept); operations during it fail with Unavailable.
//
// Threads
// - Operations may be called from any thread concurrently, EXCEPT from inside a watch callback.
// - Watch callbacks run on the C client's completion thread. They must not call blocking ZkClient operations
//   (that thread delivers the very answer they would wait for: deadlock). Hand the work to an EventLoop.
// - Session listeners run on the client's own session thread; they MAY call blocking operations.
// Ownership: owns the zhandle_t and the session thread; the destructor closes the session (ephemerals vanish).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::coordination {

// ZooKeeper's Stat, fields named as in the ZooKeeper docs (version = zkVersion, the one conditional writes use).
struct ZkStat {
  int64_t czxid = 0;
  int64_t mzxid = 0;
  int64_t ctime = 0;
  int64_t mtime = 0;
  int32_t version = 0;
  int32_t cversion = 0;
  int64_t ephemeral_owner = 0;  // session id of the owner for ephemeral nodes, else 0
  int32_t data_length = 0;
  int32_t num_children = 0;
  int64_t pzxid = 0;
};

enum class CreateMode { kPersistent, kEphemeral, kPersistentSequential, kEphemeralSequential };

enum class WatchEventType { kCreated, kDeleted, kDataChanged, kChildrenChanged, kOther };
struct WatchEvent {
  WatchEventType type = WatchEventType::kOther;
  std::string path;
};
using WatchCallback = std::function<void(const WatchEvent&)>;

// True for the Status ZkClient returns on ZBADVERSION (a conditional write lost a race, or a fencing check failed).
bool IsBadVersion(const Status& status);
// True for a Multi op's Status when the op itself was fine but another op of the same multi failed.
bool IsRolledBack(const Status& status);

// One operation of a Multi. Versions of -1 mean "any version".
struct ZkOp {
  enum class Kind { kCreate, kSetData, kCheck, kDelete };
  Kind kind = Kind::kCheck;
  std::string path;
  std::string data;
  CreateMode mode = CreateMode::kPersistent;
  int32_t version = -1;

  static ZkOp Create(std::string path, std::string data, CreateMode mode = CreateMode::kPersistent);
  static ZkOp SetData(std::string path, std::string data, int32_t version = -1);
  static ZkOp Check(std::string path, int32_t version);
  static ZkOp Delete(std::string path, int32_t version = -1);
};

struct ZkOpResult {
  Status status;             // this op's outcome (ops after a failure report Aborted("rolled back"))
  std::string created_path;  // kCreate: the actual path (sequential nodes get their suffix)
  ZkStat stat;               // kSetData: the node's new Stat
};

struct ZkGetResult {
  std::string data;
  ZkStat stat;
};

// Default limits of one multi written by Partita: well under jute.maxbuffer (1 MiB, which a multi larger than it
// breaks with a connection loss and, with it, the session), and few enough ops that one multi stays quick.
inline constexpr size_t kMaxMultiBytes = 256 * 1024;
inline constexpr size_t kMaxMultiOps = 1000;
// Splits ops, in order, into batches of at most max_bytes (estimated request size) and max_ops each.
std::vector<std::vector<ZkOp>> SplitOps(std::vector<ZkOp> ops, size_t max_bytes = kMaxMultiBytes,
                                        size_t max_ops = kMaxMultiOps);

class ZkLink;

struct ZkConnectOptions {
  // Connect through a ZkLink so that AbandonSession can drop the connection as a crashed process would
  // (costs one relay thread; for embedded brokers that the desktop app or a test may kill).
  bool abandonable = false;
  // Called with each request's duration in nanoseconds, on the calling thread, as it returns (Kafka's
  // ZooKeeperRequestLatencyMs). A pipelined call (MultiPipelined, GetMany) counts once, for its whole round.
  std::function<void(int64_t nanos)> on_request_done;
};

class ZkClient {
 public:
  // Blocks until connected or connect_timeout_ms passes (Timeout). session_timeout_ms is negotiated with the
  // server, which clamps it into [2, 20] ticks unless configured otherwise.
  static Result<std::unique_ptr<ZkClient>> Connect(const std::string& connect_string, int session_timeout_ms,
                                                   int connect_timeout_ms = 15000, ZkConnectOptions options = {});
  ~ZkClient();
  ZkClient(const ZkClient&) = delete;
  ZkClient& operator=(const ZkClient&) = delete;

  // Returns the created path. With create_parents, missing ancestors are created as empty persistent nodes.
  Result<std::string> Create(const std::string& path, const std::string& data, CreateMode mode,
                             bool create_parents = false);
  // Creates an empty persistent node (and its parents) unless it exists. Idempotent.
  Status EnsurePath(const std::string& path);
  Result<ZkGetResult> Get(const std::string& path, WatchCallback watch = nullptr);
  // Sets data if the node's version equals expected_version (-1: any). Returns the new Stat.
  Result<ZkStat> Set(const std::string& path, const std::string& data, int32_t expected_version = -1);
  Status Delete(const std::string& path, int32_t expected_version = -1);
  // Deletes a node and everything below it (not atomic; tolerates concurrent deletes).
  Status DeleteRecursive(const std::string& path);
  // nullopt if absent. The watch fires on creation, deletion or data change.
  Result<std::optional<ZkStat>> Exists(const std::string& path, WatchCallback watch = nullptr);
  // Child names (not full paths), sorted.
  Result<std::vector<std::string>> GetChildren(const std::string& path, WatchCallback watch = nullptr);
  // Atomic: all ops apply or none. Returns the first failing op's Status; per-op results in *results.
  Status Multi(const std::vector<ZkOp>& ops, std::vector<ZkOpResult>* results = nullptr);
  // Pipelined: sends every batch (each an atomic multi) at once with the C client's asynchronous API, then waits
  // for all the answers: one round trip for the lot instead of one per batch. ZooKeeper applies one session's
  // requests in order, but each batch succeeds or fails on its own (a failed batch does not stop later ones).
  // One Status per batch; per-op results in (*results)[batch]. Keep each batch within ZooKeeper's request limit
  // (jute.maxbuffer, 1 MiB): see SplitOps.
  std::vector<Status> MultiPipelined(const std::vector<std::vector<ZkOp>>& batches,
                                     std::vector<std::vector<ZkOpResult>>* results = nullptr);
  // Pipelined reads (no watches): one Result per path, in order (NotFound for a missing node).
  std::vector<Result<ZkGetResult>> GetMany(const std::vector<std::string>& paths);

  // Called (on the session thread) after a session expired and a new one was established.
  int AddSessionListener(std::function<void()> on_new_session);
  // Called (on the session thread) as soon as the server says the session expired, BEFORE a new one is opened:
  // whatever the owner read or decided under the old session may have been superseded meanwhile. Must not block
  // for long (the new session waits for it). Removed with RemoveSessionListener.
  int AddSessionLostListener(std::function<void()> on_session_lost);
  // After it returns the listener is not running and will not be called: its owner may be destroyed.
  void RemoveSessionListener(int id);

  int64_t session_id() const;
  // Number of sessions this client has had (1 after Connect, +1 per expiry recovery).
  int session_generation() const;
  bool connected() const;
  const std::string& connect_string() const;

  // Drops the connection the way a crashed process does: no CloseSession is sent, so the server keeps the session
  // and its ephemeral nodes (/brokers/ids/<id>, /controller) until zookeeper.session.timeout.ms passes. The client
  // is unusable afterwards (every operation answers Unavailable) and never opens a new session. Used by
  // Broker::Kill so that killing an embedded broker behaves as kill -9 does (issue 13 item 6). Only a client
  // connected with ZkConnectOptions::abandonable can do this; any other closes its session (with a warning).
  void AbandonSession();

  // Test hook: expires this client's current session by attaching a second handle to it (same id + password)
  // and closing that handle, the documented way to force an expiry. The client then recovers as described above.
  Status ExpireSessionForTest();

  struct Impl;

 private:
  explicit ZkClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partita::coordination
