#include "app/bridge/schema_catalog.h"

#include <QFileInfo>

#include <chrono>

namespace partita::app {

void SchemaCatalog::publish(int id, std::shared_ptr<const ParsedSchema> schema) {
  const std::lock_guard lock(m_mutex);
  m_schemas.insert(id, std::move(schema));
}

void SchemaCatalog::setRegistry(bool isSet) {
  const std::lock_guard lock(m_mutex);
  m_registrySet = isSet;
  m_schemas.clear();
}

void SchemaCatalog::setLocalSchemas(const LocalSchemaMap& schemas) {
  const std::lock_guard lock(m_mutex);
  m_local = schemas;
}

LocalTopicSchemas SchemaCatalog::localSchemas(const QString& topic) const {
  const std::lock_guard lock(m_mutex);
  return m_local.value(topic);
}

std::shared_ptr<const LoadedLocalSchema> SchemaCatalog::localSchema(const QString& path) {
  const QFileInfo info(path);
  {
    const std::lock_guard lock(m_mutex);
    const auto it = m_localCache.constFind(path);
    if (it != m_localCache.constEnd() && it->modified == info.lastModified() && it->size == info.size()) return it->schema;
  }
  CachedLocal fresh{info.lastModified(), info.size(), LoadLocalSchema(path)};
  const std::lock_guard lock(m_mutex);
  m_localCache.insert(path, fresh);
  return fresh.schema;
}

void SchemaCatalog::setPoster(Poster post) {
  const std::lock_guard lock(m_mutex);
  m_post = std::move(post);
}

std::shared_ptr<const ParsedSchema> SchemaCatalog::fetch(int id) {
  auto answer = std::make_shared<std::promise<std::shared_ptr<const ParsedSchema>>>();
  std::future<std::shared_ptr<const ParsedSchema>> future = answer->get_future();
  {
    // Posted under the lock: the registry clears the poster (under the lock) before its worker goes away.
    const std::lock_guard lock(m_mutex);
    if (!m_post) return nullptr;
    m_post(id, std::move(answer));
  }
  if (future.wait_for(std::chrono::milliseconds(kFetchWaitMs)) != std::future_status::ready) return nullptr;
  try {
    return future.get();
  } catch (const std::future_error&) {  // the worker went away with the request queued
    return nullptr;
  }
}

std::unique_ptr<RecordDecoder> SchemaCatalog::scanDecoder(const QString& topic) {
  QHash<int, std::shared_ptr<const ParsedSchema>> known;
  bool registrySet = false;
  LocalTopicSchemas files;
  {
    const std::lock_guard lock(m_mutex);
    known = m_schemas;  // implicitly shared: a snapshot costs no copy of the schemas
    registrySet = m_registrySet;
    files = m_local.value(topic);
  }
  auto keySchema = files.key.isSet() ? localSchema(files.key.path) : nullptr;
  auto valueSchema = files.value.isSet() ? localSchema(files.value.path) : nullptr;
  SchemaLookup lookup;
  if (registrySet) {
    // The scan's own additions (at most kMaxFetchesPerScan), kept for the scan only.
    auto fetched = std::make_shared<QHash<int, std::shared_ptr<const ParsedSchema>>>();
    lookup = [this, known, fetched](int id) -> std::shared_ptr<const ParsedSchema> {
      if (auto it = known.constFind(id); it != known.constEnd()) return *it;
      if (auto it = fetched->constFind(id); it != fetched->constEnd()) return *it;
      if (fetched->size() >= kMaxFetchesPerScan) return nullptr;
      auto schema = fetch(id);
      fetched->insert(id, schema);  // a failure too: asked once per scan
      return schema;
    };
  }
  auto decoder = std::make_unique<RecordDecoder>(files, std::move(keySchema), std::move(valueSchema), std::move(lookup));
  return decoder->decodes() ? std::move(decoder) : nullptr;
}

}  // namespace partita::app
