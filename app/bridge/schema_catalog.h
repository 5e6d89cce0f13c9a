// SchemaCatalog: what one SchemaRegistry knows about schemas, shared with threads other than its worker, so that
// a filter scan on the message browser's thread decodes records with the same parsed schemas the table shows,
// without a request to the GUI thread and without a blocking call per record:
// - the registry schemas the worker has parsed, by id (definite answers only; the worker publishes each one);
// - the local schema files chosen per topic, and their parses (read again when a file changes);
// - fetch(id): a schema not parsed yet, asked of the registry's worker (the caller waits for its answer).
// scanDecoder(topic) hands a scan a RecordDecoder over a snapshot of all that; it fetches at most
// kMaxFetchesPerScan unknown ids (each once), so a scan over records with many foreign ids costs a bounded number
// of requests and bounded memory; records it cannot decode are matched on their raw bytes only.
// Ownership: shared_ptr, held by the SchemaRegistry, its worker and the scans using it (a scan may outlive the
// registry: fetch() then answers nullptr). Thread safety: every method may be called from any thread.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <functional>
#include <future>
#include <memory>
#include <mutex>

#include "app/bridge/local_schema.h"
#include "app/bridge/record_decoder.h"

namespace partita::app {

class SchemaCatalog {
 public:
  static constexpr int kMaxFetchesPerScan = 16;

  // Worker thread: a schema parsed from a definite registry answer; the registry changed (ids mean other schemas).
  void publish(int id, std::shared_ptr<const ParsedSchema> schema);
  void setRegistry(bool isSet);
  void setLocalSchemas(const LocalSchemaMap& schemas);
  LocalTopicSchemas localSchemas(const QString& topic) const;

  // The parse of a local schema file, read again when its size or modification time changed (the file is read
  // outside the lock; two threads may both read a changed file, the later parse is kept).
  std::shared_ptr<const LoadedLocalSchema> localSchema(const QString& path);

  // How fetch() reaches the worker: `post(id, answer)` queues the request and returns at once; the worker fulfils
  // `answer`. An empty function (the registry is going away) makes fetch() answer nullptr.
  using Poster = std::function<void(int id, std::shared_ptr<std::promise<std::shared_ptr<const ParsedSchema>>>)>;
  void setPoster(Poster post);
  // Blocks the calling thread (never the GUI thread) until the worker answered, at most kFetchWaitMs.
  std::shared_ptr<const ParsedSchema> fetch(int id);

  // A decoder for one scan of `topic` on the calling thread (which it may block for local file reads and for
  // at most kMaxFetchesPerScan fetches); nullptr when nothing decodes the topic. The catalog must outlive it.
  std::unique_ptr<RecordDecoder> scanDecoder(const QString& topic);

 private:
  static constexpr int kFetchWaitMs = 30000;
  struct CachedLocal {
    QDateTime modified;
    qint64 size = -1;
    std::shared_ptr<const LoadedLocalSchema> schema;
  };
  mutable std::mutex m_mutex;
  QHash<int, std::shared_ptr<const ParsedSchema>> m_schemas;
  bool m_registrySet = false;
  LocalSchemaMap m_local;
  QHash<QString, CachedLocal> m_localCache;  // by path
  Poster m_post;
};

}  // namespace partita::app
