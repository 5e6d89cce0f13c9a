#include "engine/schema_registry/schema_registry_store.h"

#include <algorithm>
#include <mutex>

#include "engine/schema_registry/json_util.h"
#include "engine/schema_registry/protobuf_schema.h"

namespace partita::schema_registry {

namespace {

constexpr int kMaxReferenceDepth = 16;

std::string VersionKeyText(const std::string& subject, int32_t version) {
  return "{magic=1,keytype=SCHEMA,subject=" + subject + ",version=" + std::to_string(version) + "}";
}

}  // namespace

const char* RegistryModeName(RegistryMode mode) {
  switch (mode) {
    case RegistryMode::kReadWrite: return "READWRITE";
    case RegistryMode::kReadOnly: return "READONLY";
    case RegistryMode::kImport: return "IMPORT";
  }
  return "READWRITE";
}

std::optional<RegistryMode> ParseRegistryMode(std::string_view name) {
  for (RegistryMode m : {RegistryMode::kReadWrite, RegistryMode::kReadOnly, RegistryMode::kImport}) {
    if (name == RegistryModeName(m)) return m;
  }
  return std::nullopt;
}

std::string SchemaRegistryStore::FingerprintOf(SchemaType type, const std::string& schema,
                                               const std::vector<SchemaReference>& references) {
  std::string fp = SchemaTypeName(type);
  fp += '\0';
  // Layout does not change a schema (Confluent compares re-serialized forms): the fingerprint sorts JSON
  // keys and drops .proto whitespace and comments; the stored text keeps the first registrant's form.
  if (type == SchemaType::kProtobuf) {
    fp += ProtobufTokenText(schema);
  } else {
    Result<nlohmann::json> sorted = ParseJson(schema);
    fp += sorted.ok() ? sorted->dump() : schema;
  }
  for (const SchemaReference& r : references) {
    fp += '\0' + r.name + '\0' + r.subject + '\0' + std::to_string(r.version);
  }
  return fp;
}

// ---------------------------------------------------------------- replay

void SchemaRegistryStore::IndexVersion(const StoredVersion& v) {
  id_users_[v.id.value].insert({v.subject, v.version.value});
  auto [fp, added] = fingerprint_by_id_.try_emplace(v.id.value);
  if (added) fp->second = FingerprintOf(v.type, v.schema, v.references);
  id_by_fingerprint_.emplace(fp->second, v.id.value);
  max_id_ = std::max(max_id_, v.id.value);
}

void SchemaRegistryStore::UnindexVersion(const StoredVersion& v) {
  auto users = id_users_.find(v.id.value);
  if (users == id_users_.end()) return;
  users->second.erase({v.subject, v.version.value});
  if (!users->second.empty()) return;
  id_users_.erase(users);
  auto fingerprint = fingerprint_by_id_.find(v.id.value);
  if (fingerprint == fingerprint_by_id_.end()) return;
  auto fp = id_by_fingerprint_.find(fingerprint->second);
  if (fp != id_by_fingerprint_.end() && fp->second == v.id.value) id_by_fingerprint_.erase(fp);
  fingerprint_by_id_.erase(fingerprint);
}

void SchemaRegistryStore::EraseVersion(const std::string& subject, int32_t version) {
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) return;
  auto v = s->second.find(version);
  if (v == s->second.end()) return;
  UnindexVersion(v->second);
  s->second.erase(v);
  if (s->second.empty()) subjects_.erase(s);
}

Status SchemaRegistryStore::Apply(const SchemasRecord& record) {
  Result<SchemasKey> key = DecodeKey(record.key);
  if (!key.ok()) return key.status();
  std::unique_lock lock(mu_);
  switch (key->type) {
    case SchemasKeyType::kNoop:
      return Status::Ok();
    case SchemasKeyType::kSchema: {
      if (!record.value) {
        EraseVersion(*key->subject, key->version);
        return Status::Ok();
      }
      Result<SchemaValue> value = DecodeSchemaValue(*record.value);
      if (!value.ok()) return value.status();
      if (value->subject != *key->subject || value->version.value != key->version) {
        return Status::Corruption("SCHEMA value does not match its key " + record.key);
      }
      if (value->version.value < 1 || value->id.value < 0) return Status::Corruption("SCHEMA value with bad version or id");
      EraseVersion(value->subject, value->version.value);
      IndexVersion(*value);
      subjects_[value->subject][value->version.value] = std::move(value).value();
      return Status::Ok();
    }
    case SchemasKeyType::kConfig:
    case SchemasKeyType::kMode: {
      const bool is_config = key->type == SchemasKeyType::kConfig;
      if (!record.value) {
        if (is_config) {
          if (key->subject) subject_compatibility_.erase(*key->subject);
          else global_compatibility_.reset();
        } else {
          if (key->subject) subject_mode_.erase(*key->subject);
          else global_mode_.reset();
        }
        return Status::Ok();
      }
      Result<nlohmann::json> value = ParseJson(*record.value);
      const char* field = is_config ? "compatibilityLevel" : "mode";
      if (!value.ok() || !value->is_object() || !value->contains(field) || !(*value)[field].is_string()) {
        return Status::Corruption(std::string(is_config ? "CONFIG" : "MODE") + " value without " + field);
      }
      const std::string name = (*value)[field].get<std::string>();
      if (is_config) {
        std::optional<CompatibilityLevel> level = ParseCompatibilityLevel(name);
        if (!level) return Status::Corruption("unknown compatibility level " + name);
        if (key->subject) subject_compatibility_[*key->subject] = *level;
        else global_compatibility_ = *level;
      } else {
        std::optional<RegistryMode> mode = ParseRegistryMode(name);
        if (!mode) return Status::Unsupported("unknown mode " + name);
        if (key->subject) subject_mode_[*key->subject] = *mode;
        else global_mode_ = *mode;
      }
      return Status::Ok();
    }
    case SchemasKeyType::kDeleteSubject:
    case SchemasKeyType::kClearSubject: {
      if (!record.value) return Status::Ok();
      Result<nlohmann::json> value = ParseJson(*record.value);
      if (!value.ok() || !value->is_object()) return Status::Corruption("subject deletion value is not an object");
      auto s = subjects_.find(*key->subject);
      if (s == subjects_.end()) return Status::Ok();
      if (key->type == SchemasKeyType::kDeleteSubject) {
        // Soft delete: every version up to the one named.
        auto up_to = value->find("version");
        if (up_to == value->end() || !up_to->is_number_integer()) return Status::Corruption("DELETE_SUBJECT without version");
        for (auto& [version, stored] : s->second) {
          if (version <= up_to->get<int32_t>()) stored.deleted = true;
        }
      } else {
        // Permanent: the soft-deleted versions go.
        std::vector<int32_t> gone;
        for (const auto& [version, stored] : s->second) {
          if (stored.deleted) gone.push_back(version);
        }
        for (int32_t v : gone) EraseVersion(*key->subject, v);
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

void SchemaRegistryStore::Clear() {
  std::unique_lock lock(mu_);
  subjects_.clear();
  id_users_.clear();
  id_by_fingerprint_.clear();
  fingerprint_by_id_.clear();
  subject_compatibility_.clear();
  global_compatibility_.reset();
  subject_mode_.clear();
  global_mode_.reset();
  max_id_ = 0;
}

// ---------------------------------------------------------------- reads

std::vector<std::string> SchemaRegistryStore::Subjects(bool include_deleted) const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [subject, versions] : subjects_) {
    const bool live = std::any_of(versions.begin(), versions.end(), [](const auto& v) { return !v.second.deleted; });
    if (live || include_deleted) out.push_back(subject);
  }
  return out;
}

std::optional<std::vector<StoredVersion>> SchemaRegistryStore::Versions(const std::string& subject,
                                                                        bool include_deleted) const {
  std::shared_lock lock(mu_);
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) return std::nullopt;
  std::vector<StoredVersion> out;
  for (const auto& [version, stored] : s->second) {
    if (include_deleted || !stored.deleted) out.push_back(stored);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

const StoredVersion* SchemaRegistryStore::FindLocked(const std::string& subject, std::optional<SchemaVersion> version,
                                                     bool include_deleted) const {
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) return nullptr;
  if (version) {
    auto v = s->second.find(version->value);
    if (v == s->second.end() || (v->second.deleted && !include_deleted)) return nullptr;
    return &v->second;
  }
  for (auto it = s->second.rbegin(); it != s->second.rend(); ++it) {
    if (include_deleted || !it->second.deleted) return &it->second;
  }
  return nullptr;
}

std::optional<StoredVersion> SchemaRegistryStore::Version(const std::string& subject,
                                                         std::optional<SchemaVersion> version,
                                                         bool include_deleted) const {
  std::shared_lock lock(mu_);
  const StoredVersion* v = FindLocked(subject, version, include_deleted);
  if (!v) return std::nullopt;
  return *v;
}

std::optional<StoredVersion> SchemaRegistryStore::SchemaById(SchemaId id) const {
  std::shared_lock lock(mu_);
  auto users = id_users_.find(id.value);
  if (users == id_users_.end() || users->second.empty()) return std::nullopt;
  // Prefer a live version; any version holds the same schema.
  const StoredVersion* found = nullptr;
  for (const auto& [subject, version] : users->second) {
    const StoredVersion* v = FindLocked(subject, SchemaVersion(version), true);
    if (v && (!found || (found->deleted && !v->deleted))) found = v;
  }
  if (!found) return std::nullopt;
  return *found;
}

std::vector<StoredVersion> SchemaRegistryStore::VersionsOfId(SchemaId id, bool include_deleted) const {
  std::shared_lock lock(mu_);
  std::vector<StoredVersion> out;
  auto users = id_users_.find(id.value);
  if (users == id_users_.end()) return out;
  for (const auto& [subject, version] : users->second) {
    if (const StoredVersion* v = FindLocked(subject, SchemaVersion(version), include_deleted)) out.push_back(*v);
  }
  return out;
}

std::vector<int32_t> SchemaRegistryStore::ReferencedBy(const std::string& subject, SchemaVersion version) const {
  std::shared_lock lock(mu_);
  std::set<int32_t> ids;
  for (const auto& [s, versions] : subjects_) {
    for (const auto& [v, stored] : versions) {
      if (stored.deleted) continue;
      for (const SchemaReference& r : stored.references) {
        if (r.subject == subject && r.version == version.value) ids.insert(stored.id.value);
      }
    }
  }
  return {ids.begin(), ids.end()};
}

std::optional<CompatibilityLevel> SchemaRegistryStore::SubjectCompatibility(const std::string& subject) const {
  std::shared_lock lock(mu_);
  auto it = subject_compatibility_.find(subject);
  if (it == subject_compatibility_.end()) return std::nullopt;
  return it->second;
}

std::optional<CompatibilityLevel> SchemaRegistryStore::GlobalCompatibility() const {
  std::shared_lock lock(mu_);
  return global_compatibility_;
}

CompatibilityLevel SchemaRegistryStore::EffectiveCompatibility(const std::string& subject) const {
  std::shared_lock lock(mu_);
  auto it = subject_compatibility_.find(subject);
  if (it != subject_compatibility_.end()) return it->second;
  return global_compatibility_.value_or(kDefaultCompatibility);
}

std::optional<RegistryMode> SchemaRegistryStore::SubjectMode(const std::string& subject) const {
  std::shared_lock lock(mu_);
  auto it = subject_mode_.find(subject);
  if (it == subject_mode_.end()) return std::nullopt;
  return it->second;
}

RegistryMode SchemaRegistryStore::GlobalMode() const {
  std::shared_lock lock(mu_);
  return global_mode_.value_or(RegistryMode::kReadWrite);
}

RegistryMode SchemaRegistryStore::EffectiveMode(const std::string& subject) const {
  std::shared_lock lock(mu_);
  auto it = subject_mode_.find(subject);
  if (it != subject_mode_.end()) return it->second;
  return global_mode_.value_or(RegistryMode::kReadWrite);
}

ApiResult<std::vector<ResolvedReference>> SchemaRegistryStore::ResolveLocked(const std::vector<SchemaReference>& refs,
                                                                             int depth) const {
  if (depth > kMaxReferenceDepth) return ApiError{error_code::kInvalidSchema, "Invalid schema: references nested too deeply"};
  std::vector<ResolvedReference> out;
  for (const SchemaReference& r : refs) {
    const StoredVersion* v = r.version == -1 ? FindLocked(r.subject, std::nullopt, false)
                                             : FindLocked(r.subject, SchemaVersion(r.version), true);
    if (!v) {
      return ApiError{error_code::kInvalidSchema, "Invalid schema: reference " + r.name + " (subject '" + r.subject +
                                                      "' version " + std::to_string(r.version) + ") not found"};
    }
    ApiResult<std::vector<ResolvedReference>> nested = ResolveLocked(v->references, depth + 1);
    if (!nested.ok()) return nested.error();
    for (ResolvedReference& n : nested.value()) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const ResolvedReference& o) { return o.name == n.name; });
      if (!seen) out.push_back(std::move(n));
    }
    out.push_back({r.name, v->type, v->schema});
  }
  return out;
}

ApiResult<std::vector<ResolvedReference>> SchemaRegistryStore::ResolveReferences(
    const std::vector<SchemaReference>& refs) const {
  std::shared_lock lock(mu_);
  return ResolveLocked(refs, 0);
}

std::optional<StoredVersion> SchemaRegistryStore::FindSchemaInSubjectLocked(const std::string& subject,
                                                                            const std::string& fingerprint,
                                                                            bool include_deleted) const {
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) return std::nullopt;
  // The newest match wins, as Confluent's lookup returns the latest version with that schema.
  for (auto it = s->second.rbegin(); it != s->second.rend(); ++it) {
    const StoredVersion& v = it->second;
    if (v.deleted && !include_deleted) continue;
    auto fp = fingerprint_by_id_.find(v.id.value);
    if (fp != fingerprint_by_id_.end() && fp->second == fingerprint) return v;
  }
  return std::nullopt;
}

std::optional<StoredVersion> SchemaRegistryStore::FindResolvedInSubjectLocked(const std::string& subject,
                                                                              const RegisterRequest& request,
                                                                              bool include_deleted) const {
  auto s = subjects_.find(subject);
  if (!request.references.empty() || s == subjects_.end()) return std::nullopt;
  const SchemaInput candidate{request.type, request.schema, {}};
  for (auto it = s->second.rbegin(); it != s->second.rend(); ++it) {
    const StoredVersion& v = it->second;
    if ((v.deleted && !include_deleted) || v.references.empty() || v.type != request.type) continue;
    ApiResult<std::vector<ResolvedReference>> refs = ResolveLocked(v.references, 0);
    if (refs.ok() && SameResolvedSchema(candidate, {v.type, v.schema, std::move(refs.value())})) return v;
  }
  return std::nullopt;
}

std::optional<StoredVersion> SchemaRegistryStore::FindSchemaInSubject(const std::string& subject,
                                                                     const RegisterRequest& request,
                                                                     bool include_deleted) const {
  std::shared_lock lock(mu_);
  std::optional<StoredVersion> found = FindSchemaInSubjectLocked(
      subject, FingerprintOf(request.type, request.schema, request.references), include_deleted);
  return found ? found : FindResolvedInSubjectLocked(subject, request, include_deleted);
}

ApiResult<std::vector<std::string>> SchemaRegistryStore::CheckLocked(const std::string& subject,
                                                                     const RegisterRequest& request,
                                                                     const std::vector<StoredVersion>& against,
                                                                     CompatibilityLevel level) const {
  (void)subject;
  ApiResult<std::vector<ResolvedReference>> refs = ResolveLocked(request.references, 0);
  if (!refs.ok()) return refs.error();
  SchemaInput candidate{request.type, request.schema, std::move(refs.value())};
  Status valid = ValidateSchema(candidate);
  if (!valid.ok()) {
    const std::string& m = valid.message();
    return ApiError{error_code::kInvalidSchema, m.rfind("Invalid", 0) == 0 ? m : "Invalid schema: " + m};
  }
  std::vector<PreviousVersion> previous;
  for (const StoredVersion& v : against) {
    ApiResult<std::vector<ResolvedReference>> old_refs = ResolveLocked(v.references, 0);
    // A version whose references were deleted since cannot be parsed; it cannot constrain the new one.
    if (!old_refs.ok()) continue;
    previous.push_back({v.version, {v.type, v.schema, std::move(old_refs.value())}});
  }
  return schema_registry::CheckCompatibility(level, candidate, previous);
}

ApiResult<std::vector<std::string>> SchemaRegistryStore::CheckCompatibility(
    const std::string& subject, const RegisterRequest& request,
    std::optional<std::vector<StoredVersion>> against) const {
  const CompatibilityLevel level = EffectiveCompatibility(subject);
  std::shared_lock lock(mu_);
  std::vector<StoredVersion> versions;
  if (against) {
    versions = std::move(*against);
  } else if (auto s = subjects_.find(subject); s != subjects_.end()) {
    for (const auto& [v, stored] : s->second) {
      if (!stored.deleted) versions.push_back(stored);
    }
  }
  return CheckLocked(subject, request, versions, level);
}

// ---------------------------------------------------------------- write planning

ApiResult<RegisterPlan> SchemaRegistryStore::PlanRegister(const std::string& subject,
                                                          const RegisterRequest& raw) const {
  const RegistryMode mode = EffectiveMode(subject);
  const CompatibilityLevel level = EffectiveCompatibility(subject);
  if (mode == RegistryMode::kReadOnly) {
    return ApiError{error_code::kOperationNotPermitted, "Subject " + subject + " is in read-only mode"};
  }
  if ((raw.id || raw.version) && mode != RegistryMode::kImport) {
    return ApiError{error_code::kOperationNotPermitted, "Subject " + subject + " is not in import mode"};
  }
  RegisterRequest request = raw;
  request.schema = NormalizedSchemaText(request.type, request.schema);
  std::shared_lock lock(mu_);
  std::vector<StoredVersion> live;
  int32_t last_version = 0;
  if (auto s = subjects_.find(subject); s != subjects_.end()) {
    for (const auto& [v, stored] : s->second) {
      if (!stored.deleted) live.push_back(stored);
      last_version = std::max(last_version, v);
    }
  }
  // Validation (and, outside IMPORT mode, compatibility) first: a bad schema is 42201 even if registered.
  ApiResult<std::vector<std::string>> messages =
      CheckLocked(subject, request, live, mode == RegistryMode::kImport ? CompatibilityLevel::kNone : level);
  if (!messages.ok()) return messages.error();
  const std::string fingerprint = FingerprintOf(request.type, request.schema, request.references);
  std::optional<StoredVersion> existing = FindSchemaInSubjectLocked(subject, fingerprint, false);
  // A schema sent with its references resolved is the version registered with them, unless IMPORT names
  // another id (Confluent's register: "schemaId < 0 || schemaId == schemaValue.getId()").
  if (!existing) {
    existing = FindResolvedInSubjectLocked(subject, request, false);
    if (existing && request.id && *request.id != existing->id.value) existing.reset();
  }
  if (existing) {
    if (request.id && *request.id != existing->id.value) {
      return ApiError{error_code::kIdDoesNotMatch, "Schema already registered with id " +
                                                       std::to_string(existing->id.value) + " instead of input id " +
                                                       std::to_string(*request.id)};
    }
    return RegisterPlan{existing->id, existing->version, {}};
  }
  if (!messages->empty()) {
    std::string details;
    for (const std::string& m : messages.value()) details += (details.empty() ? "" : ", ") + m;
    return ApiError{error_code::kIncompatibleSchema, "Schema being registered is incompatible with an earlier schema "
                                                     "for subject \"" + subject + "\", details: [" + details + "]"};
  }
  SchemaValue value;
  value.subject = subject;
  value.type = request.type;
  value.schema = request.schema;
  value.references = request.references;
  auto known = id_by_fingerprint_.find(fingerprint);
  if (request.id) {
    // IMPORT: the id comes from the source registry; it may not name a different schema here.
    auto users = id_users_.find(*request.id);
    if (users != id_users_.end() && (known == id_by_fingerprint_.end() || known->second != *request.id)) {
      return ApiError{error_code::kIdDoesNotMatch, "Overwrite new schema with id " + std::to_string(*request.id) +
                                                       " is not permitted."};
    }
    value.id = SchemaId(*request.id);
  } else if (known != id_by_fingerprint_.end()) {
    value.id = SchemaId(known->second);  // the same schema in another subject keeps its id
  } else {
    if (max_id_ == INT32_MAX) return ApiError{error_code::kStoreError, "Schema ids exhausted"};
    value.id = SchemaId(max_id_ + 1);
  }
  value.version = SchemaVersion(request.version ? *request.version : last_version + 1);
  if (value.version.value < 1) {
    return ApiError{error_code::kInvalidVersion, "The specified version '" + std::to_string(value.version.value) +
                                                     "' is not a valid version id."};
  }
  if (request.version && FindLocked(subject, value.version, true)) {
    return ApiError{error_code::kInvalidVersion, "Version " + std::to_string(value.version.value) +
                                                     " already exists in subject " + subject};
  }
  return RegisterPlan{value.id, value.version, {SchemaRecord(value)}};
}

ApiResult<DeletePlan> SchemaRegistryStore::PlanDeleteVersion(const std::string& subject,
                                                             std::optional<SchemaVersion> version,
                                                             bool permanent) const {
  if (EffectiveMode(subject) == RegistryMode::kReadOnly) {
    return ApiError{error_code::kOperationNotPermitted, "Subject " + subject + " is in read-only mode"};
  }
  std::shared_lock lock(mu_);
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) {
    return ApiError{error_code::kSubjectNotFound, "Subject '" + subject + "' not found."};
  }
  const StoredVersion* target = FindLocked(subject, version, /*include_deleted=*/version.has_value());
  if (!target) {
    return ApiError{error_code::kVersionNotFound,
                    "Version " + (version ? std::to_string(version->value) : std::string("latest")) + " not found."};
  }
  const std::string v = std::to_string(target->version.value);
  // A version other schemas still reference cannot go (Confluent 5.5+, 42206).
  bool referenced = false;
  for (const auto& [other_subject, versions] : subjects_) {
    for (const auto& [n, stored] : versions) {
      if (stored.deleted && !permanent) continue;
      for (const SchemaReference& r : stored.references) {
        if (r.subject == subject && r.version == target->version.value) referenced = true;
      }
    }
  }
  if (referenced) {
    return ApiError{error_code::kReferenceExists,
                    "One or more references exist to the schema " + VersionKeyText(subject, target->version.value) + "."};
  }
  DeletePlan plan;
  plan.versions.push_back(target->version.value);
  if (permanent) {
    if (!target->deleted) {
      return ApiError{error_code::kVersionNotSoftDeleted,
                      "Subject '" + subject + "' Version " + v + " was not deleted first before being permanently deleted"};
    }
    plan.records.push_back(SchemaTombstone(subject, target->version));
  } else {
    if (target->deleted) {
      return ApiError{error_code::kVersionSoftDeleted,
                      "Subject '" + subject + "' Version " + v + " was soft deleted.Set permanent=true to delete permanently"};
    }
    SchemaValue value = *target;
    value.deleted = true;
    plan.records.push_back(SchemaRecord(value));
  }
  return plan;
}

ApiResult<DeletePlan> SchemaRegistryStore::PlanDeleteSubject(const std::string& subject, bool permanent) const {
  if (EffectiveMode(subject) == RegistryMode::kReadOnly) {
    return ApiError{error_code::kOperationNotPermitted, "Subject " + subject + " is in read-only mode"};
  }
  std::shared_lock lock(mu_);
  auto s = subjects_.find(subject);
  if (s == subjects_.end()) return ApiError{error_code::kSubjectNotFound, "Subject '" + subject + "' not found."};
  DeletePlan plan;
  std::vector<int32_t> live;
  for (const auto& [v, stored] : s->second) {
    if (!stored.deleted) live.push_back(v);
  }
  // Versions other subjects still reference keep the subject alive.
  for (const auto& [other_subject, versions] : subjects_) {
    if (other_subject == subject) continue;
    for (const auto& [n, stored] : versions) {
      if (stored.deleted) continue;
      for (const SchemaReference& r : stored.references) {
        if (r.subject == subject) {
          return ApiError{error_code::kReferenceExists, "One or more references exist to the schema " +
                                                            VersionKeyText(subject, r.version) + "."};
        }
      }
    }
  }
  if (!permanent) {
    if (live.empty()) {
      return ApiError{error_code::kSubjectSoftDeleted,
                      "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently"};
    }
    plan.versions = live;
    plan.records.push_back(DeleteSubjectRecord(subject, SchemaVersion(live.back())));
    return plan;
  }
  if (!live.empty()) {
    return ApiError{error_code::kSubjectNotSoftDeleted,
                    "Subject '" + subject + "' was not deleted first before being permanently deleted"};
  }
  for (const auto& [v, stored] : s->second) {
    plan.versions.push_back(v);
    plan.records.push_back(SchemaTombstone(subject, SchemaVersion(v)));
  }
  // The subject's own settings go with it.
  if (subject_compatibility_.count(subject)) plan.records.push_back(ConfigRecord(subject, std::nullopt));
  if (subject_mode_.count(subject)) plan.records.push_back(ModeRecord(subject, std::nullopt));
  return plan;
}

std::vector<SchemasRecord> SchemaRegistryStore::PlanSetCompatibility(const std::optional<std::string>& subject,
                                                                     std::optional<CompatibilityLevel> level) const {
  std::optional<std::string> name;
  if (level) name = CompatibilityLevelName(*level);
  return {ConfigRecord(subject, name)};
}

ApiResult<std::vector<SchemasRecord>> SchemaRegistryStore::PlanSetMode(const std::optional<std::string>& subject,
                                                                       std::optional<RegistryMode> mode,
                                                                       bool force) const {
  if (mode == RegistryMode::kImport && !force) {
    // IMPORT keeps the source registry's ids; mixing them with ids assigned here would collide.
    const bool has_schemas = subject ? Versions(*subject, true).has_value() : !Subjects(true).empty();
    if (has_schemas) {
      return ApiError{error_code::kOperationNotPermitted, "Cannot import since found existing subjects"};
    }
  }
  std::optional<std::string> name;
  if (mode) name = RegistryModeName(*mode);
  return std::vector<SchemasRecord>{ModeRecord(subject, name)};
}

}  // namespace partita::schema_registry
