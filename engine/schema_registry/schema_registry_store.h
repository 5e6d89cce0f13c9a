// SchemaRegistryStore: the registry's state — subjects and their versions, global schema ids, global and
// per-subject compatibility and mode — as a deterministic function of the `_schemas` topic. State changes
// only through Apply(record), in topic order; every broker replaying the same records holds the same state.
//
// Writes never change state directly. A Plan* method checks a request against the current state (the
// Confluent rules: compatibility, soft-before-permanent delete, read-only mode...) and returns the records
// that carry it out; the caller appends them to `_schemas` and applies them when they are read back. Ids and
// versions are assigned at planning time from the state, so exactly one writer (the leader of `_schemas`
// partition 0) may plan at a time, and it must have applied every record before its own (write a NoopRecord
// and wait for it after becoming leader), as Confluent's leader does.
//
// Thread safety: all methods may be called from any thread (a reader-writer lock inside). Plans are values.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/api_error.h"
#include "engine/schema_registry/compatibility.h"
#include "engine/schema_registry/schemas_records.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

enum class RegistryMode { kReadWrite, kReadOnly, kImport };
const char* RegistryModeName(RegistryMode mode);
std::optional<RegistryMode> ParseRegistryMode(std::string_view name);

inline constexpr CompatibilityLevel kDefaultCompatibility = CompatibilityLevel::kBackward;

// One version of a subject, as stored: what its SCHEMA record says.
using StoredVersion = SchemaValue;

// What POST /subjects/{s}/versions carries.
struct RegisterRequest {
  SchemaType type = SchemaType::kAvro;
  std::string schema;
  std::vector<SchemaReference> references;
  std::optional<int32_t> id;       // IMPORT mode only
  std::optional<int32_t> version;  // IMPORT mode only
};

struct RegisterPlan {
  SchemaId id;
  SchemaVersion version;
  std::vector<SchemasRecord> records;  // empty: already registered, nothing to write
};

struct DeletePlan {
  std::vector<int32_t> versions;  // what the REST answer lists
  std::vector<SchemasRecord> records;
};

class SchemaRegistryStore {
 public:
  SchemaRegistryStore() = default;
  SchemaRegistryStore(const SchemaRegistryStore&) = delete;
  SchemaRegistryStore& operator=(const SchemaRegistryStore&) = delete;

  // ---- Replay: the only way state changes. A record that cannot be decoded is reported and changes
  // nothing (the caller logs it and goes on, as Confluent skips records it cannot deserialize).
  Status Apply(const SchemasRecord& record);
  // Forgets everything (before a replay from the start of the topic).
  void Clear();

  // ---- Reads.
  std::vector<std::string> Subjects(bool include_deleted) const;
  // Ascending versions; nullopt when the subject has none (counting soft-deleted ones only if asked).
  std::optional<std::vector<StoredVersion>> Versions(const std::string& subject, bool include_deleted) const;
  // A version, or the latest when `version` is nullopt.
  std::optional<StoredVersion> Version(const std::string& subject, std::optional<SchemaVersion> version,
                                       bool include_deleted) const;
  // The schema with this id (also when its versions are soft-deleted, as deserializers still need it).
  std::optional<StoredVersion> SchemaById(SchemaId id) const;
  // (subject, version) pairs that use this id.
  std::vector<StoredVersion> VersionsOfId(SchemaId id, bool include_deleted) const;
  // Ids of the non-deleted versions that reference subject/version.
  std::vector<int32_t> ReferencedBy(const std::string& subject, SchemaVersion version) const;
  std::optional<CompatibilityLevel> SubjectCompatibility(const std::string& subject) const;
  std::optional<CompatibilityLevel> GlobalCompatibility() const;
  CompatibilityLevel EffectiveCompatibility(const std::string& subject) const;
  std::optional<RegistryMode> SubjectMode(const std::string& subject) const;
  RegistryMode GlobalMode() const;
  RegistryMode EffectiveMode(const std::string& subject) const;
  // The resolved references of a request, depth first (a reference's own references come before it).
  ApiResult<std::vector<ResolvedReference>> ResolveReferences(const std::vector<SchemaReference>& refs) const;
  // The non-deleted version of `subject` holding the same schema, for lookup and idempotent register; a request
  // without references also finds a version registered with references that it equals once they are resolved
  // (Confluent's lookUpSchemaUnderSubject / register: "a schema sent with all references resolved").
  std::optional<StoredVersion> FindSchemaInSubject(const std::string& subject, const RegisterRequest& request,
                                                   bool include_deleted) const;
  // Messages of a compatibility check of `request` against `against` (or, when nullopt, against the
  // subject's versions under its level). Errors: invalid schema / references.
  ApiResult<std::vector<std::string>> CheckCompatibility(const std::string& subject, const RegisterRequest& request,
                                                         std::optional<std::vector<StoredVersion>> against) const;

  // ---- Write planning (single writer; see the class comment).
  ApiResult<RegisterPlan> PlanRegister(const std::string& subject, const RegisterRequest& request) const;
  // `version` nullopt: the latest non-deleted version.
  ApiResult<DeletePlan> PlanDeleteVersion(const std::string& subject, std::optional<SchemaVersion> version,
                                          bool permanent) const;
  ApiResult<DeletePlan> PlanDeleteSubject(const std::string& subject, bool permanent) const;
  // Subject nullopt: the global setting. Level/mode nullopt: delete the setting (a tombstone).
  std::vector<SchemasRecord> PlanSetCompatibility(const std::optional<std::string>& subject,
                                                  std::optional<CompatibilityLevel> level) const;
  ApiResult<std::vector<SchemasRecord>> PlanSetMode(const std::optional<std::string>& subject,
                                                    std::optional<RegistryMode> mode, bool force) const;

 private:
  static std::string FingerprintOf(SchemaType type, const std::string& schema,
                                   const std::vector<SchemaReference>& references);
  const StoredVersion* FindLocked(const std::string& subject, std::optional<SchemaVersion> version,
                                  bool include_deleted) const;
  std::optional<StoredVersion> FindSchemaInSubjectLocked(const std::string& subject, const std::string& fingerprint,
                                                         bool include_deleted) const;
  // The newest version with references that `request` (which has none) equals once they are resolved.
  std::optional<StoredVersion> FindResolvedInSubjectLocked(const std::string& subject, const RegisterRequest& request,
                                                           bool include_deleted) const;
  ApiResult<std::vector<ResolvedReference>> ResolveLocked(const std::vector<SchemaReference>& refs, int depth) const;
  ApiResult<std::vector<std::string>> CheckLocked(const std::string& subject, const RegisterRequest& request,
                                                  const std::vector<StoredVersion>& against,
                                                  CompatibilityLevel level) const;
  void IndexVersion(const StoredVersion& v);
  void UnindexVersion(const StoredVersion& v);
  void EraseVersion(const std::string& subject, int32_t version);

  mutable std::shared_mutex mu_;
  std::map<std::string, std::map<int32_t, StoredVersion>> subjects_;  // subject -> version -> stored
  std::map<int32_t, std::set<std::pair<std::string, int32_t>>> id_users_;  // id -> (subject, version)
  std::map<std::string, int32_t> id_by_fingerprint_;  // type + key-sorted text + references -> id
  // The fingerprint of each id in use, computed once when indexed (an id always names one schema), so a
  // lookup or an idempotent register compares strings instead of re-parsing every version of the subject.
  std::map<int32_t, std::string> fingerprint_by_id_;
  std::map<std::string, CompatibilityLevel> subject_compatibility_;
  std::optional<CompatibilityLevel> global_compatibility_;
  std::map<std::string, RegistryMode> subject_mode_;
  std::optional<RegistryMode> global_mode_;
  // Highest id ever applied, also of versions deleted since: ids are never reused (Confluent's
  // IncrementalIdGenerator does the same).
  int32_t max_id_ = 0;
};

}  // namespace partita::schema_registry
