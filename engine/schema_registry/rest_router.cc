#include "engine/schema_registry/rest_router.h"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {

using nlohmann::ordered_json;

namespace {

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int value = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
      if (ec == std::errc() && p == s.data() + i + 3) {
        out += static_cast<char>(value);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
  }
  return out;
}

HttpResponse Json(int status, const ordered_json& body) {
  HttpResponse r;
  r.status = status;
  // Messages quote subjects from the path: bytes that are not UTF-8 are replaced, never thrown on.
  r.body = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  return r;
}

HttpResponse Error(const ApiError& e) {
  ordered_json body;
  body["error_code"] = e.code;
  body["message"] = e.message;
  return Json(e.HttpStatus(), body);
}

// Confluent refuses subjects with control characters (42208); we also refuse bytes that are not UTF-8.
bool IsValidSubject(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    int extra = 0;  // continuation bytes of this UTF-8 sequence
    if (c >= 0x80) {
      if ((c >> 5) == 0x6) extra = 1;
      else if ((c >> 4) == 0xe) extra = 2;
      else if ((c >> 3) == 0x1e) extra = 3;
      else return false;
    }
    for (int k = 1; k <= extra; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

HttpResponse NotFound() { return Error({404, "HTTP 404 Not Found"}); }
HttpResponse MethodNotAllowed() { return Error({405, "HTTP 405 Method Not Allowed"}); }

ApiError SubjectNotFound(const std::string& subject) {
  return {error_code::kSubjectNotFound, "Subject '" + subject + "' not found."};
}

ApiError InvalidVersion(const std::string& v) {
  return {error_code::kInvalidVersion, "The specified version '" + v +
                                           "' is not a valid version id. Allowed values are between "
                                           "[1, 2^31-1] and the string \"latest\""};
}

// "latest" and -1 mean the latest version (nullopt); otherwise 1..2^31-1.
ApiResult<std::optional<SchemaVersion>> ParseVersion(const std::string& text) {
  if (text == "latest" || text == "-1") return std::optional<SchemaVersion>();
  int32_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 1) return InvalidVersion(text);
  return std::optional<SchemaVersion>(SchemaVersion(v));
}

ordered_json ReferencesJson(const std::vector<SchemaReference>& refs) {
  ordered_json out = ordered_json::array();
  for (const SchemaReference& r : refs) {
    out.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
  }
  return out;
}

// Confluent's Schema entity: subject, version, id, schemaType (not for AVRO), references (when any), schema.
ordered_json VersionJson(const StoredVersion& v) {
  ordered_json j;
  j["subject"] = v.subject;
  j["version"] = v.version.value;
  j["id"] = v.id.value;
  if (v.type != SchemaType::kAvro) j["schemaType"] = SchemaTypeName(v.type);
  if (!v.references.empty()) j["references"] = ReferencesJson(v.references);
  j["schema"] = v.schema;
  return j;
}

ApiResult<RegisterRequest> ParseSchemaBody(const std::string& body) {
  Result<ordered_json> parsed = ParseOrderedJson(body);
  if (!parsed.ok() || !parsed->is_object()) {
    return ApiError{400, "Unrecognized request body: " + (parsed.ok() ? std::string("not a JSON object")
                                                                      : parsed.status().message())};
  }
  const ordered_json& j = *parsed;
  RegisterRequest r;
  auto schema = j.find("schema");
  if (schema == j.end() || !schema->is_string() || schema->get<std::string>().empty()) {
    return ApiError{error_code::kInvalidSchema, "Empty schema"};
  }
  r.schema = schema->get<std::string>();
  if (auto t = j.find("schemaType"); t != j.end() && !t->is_null()) {
    std::optional<SchemaType> type = t->is_string() ? ParseSchemaType(t->get<std::string>()) : std::nullopt;
    if (!type) return ApiError{error_code::kInvalidSchema, "Invalid schema type " + t->dump()};
    r.type = *type;
  }
  if (auto refs = j.find("references"); refs != j.end() && !refs->is_null()) {
    if (!refs->is_array()) return ApiError{error_code::kInvalidSchema, "references must be an array"};
    for (const ordered_json& ref : *refs) {
      if (!ref.is_object() || !ref.contains("name") || !ref["name"].is_string() || !ref.contains("subject") ||
          !ref["subject"].is_string() || !ref.contains("version") || !ref["version"].is_number_integer()) {
        return ApiError{error_code::kInvalidSchema, "Invalid reference " + ref.dump()};
      }
      r.references.push_back({ref["name"].get<std::string>(), ref["subject"].get<std::string>(),
                              ref["version"].get<int32_t>()});
    }
  }
  // IMPORT mode carries the source registry's id and version; -1 / 0 mean "not given" as in Confluent.
  if (auto id = j.find("id"); id != j.end() && id->is_number_integer() && id->get<int64_t>() >= 0) {
    r.id = id->get<int32_t>();
  }
  if (auto v = j.find("version"); v != j.end() && v->is_number_integer() && v->get<int64_t>() > 0) {
    r.version = v->get<int32_t>();
  }
  return r;
}

}  // namespace

struct SchemaRegistryRouter::Parsed {
  std::string method;
  std::vector<std::string> path;  // decoded segments
  std::map<std::string, std::string> query;
  std::string body;

  bool Flag(const std::string& name) const {
    auto it = query.find(name);
    return it != query.end() && (it->second == "true" || it->second.empty());
  }
};

SchemaRegistryRouter::SchemaRegistryRouter(SchemaRegistryStore* store, SchemasWriter writer)
    : store_(store), writer_(std::move(writer)) {}

HttpResponse SchemaRegistryRouter::Route(const HttpRequest& request) {
  Parsed p;
  p.method = request.method;
  p.body = request.body;
  std::string_view target = request.target;
  const size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      const size_t eq = pair.find('=');
      p.query[PercentDecode(pair.substr(0, eq), true)] =
          eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  // Split on '/' before decoding, so a subject may contain an encoded slash.
  size_t start = 0;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!segment.empty()) p.path.push_back(PercentDecode(segment, false));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return Dispatch(p);
}

HttpResponse SchemaRegistryRouter::Dispatch(const Parsed& r) {
  const std::vector<std::string>& s = r.path;
  if (s.empty()) return r.method == "GET" ? Json(200, ordered_json::object()) : MethodNotAllowed();
  // The subject is the second segment of /subjects/{s}, /config/{s}, /mode/{s}, the third of /compatibility/...
  const size_t subject_at = s[0] == "compatibility" ? 2 : 1;
  if ((s[0] == "subjects" || s[0] == "config" || s[0] == "mode" || s[0] == "compatibility") &&
      s.size() > subject_at && !IsValidSubject(s[subject_at])) {
    return Error({42208, "Invalid subject " + s[subject_at]});
  }
  if (s[0] == "subjects") {
    if (s.size() == 1) return r.method == "GET" ? Subjects(r) : MethodNotAllowed();
    const std::string& subject = s[1];
    if (s.size() == 2) {
      if (r.method == "POST") return Lookup(r, subject);
      if (r.method == "DELETE") return DeleteSubject(r, subject);
      return MethodNotAllowed();
    }
    if (s[2] != "versions") return NotFound();
    if (s.size() == 3) {
      if (r.method == "GET") return SubjectVersions(r, subject);
      if (r.method == "POST") return Register(r, subject);
      return MethodNotAllowed();
    }
    if (s.size() == 4) return SubjectVersion(r, subject, s[3]);
    if (s.size() == 5 && r.method != "GET") return MethodNotAllowed();
    if (s.size() == 5 && (s[4] == "schema" || s[4] == "referencedby")) return SubjectVersion(r, subject, s[3]);
    return NotFound();
  }
  if (s[0] == "schemas") {
    if (r.method != "GET") return MethodNotAllowed();
    if (s.size() == 1) return AllSchemas(r);
    if (s.size() == 2 && s[1] == "types") return Json(200, ordered_json::array({"JSON", "PROTOBUF", "AVRO"}));
    if (s.size() >= 3 && s.size() <= 4 && s[1] == "ids") return SchemaById(r, s[2], s.size() == 4 ? s[3] : "");
    return NotFound();
  }
  if (s[0] == "config" && s.size() <= 2) return Config(r, s.size() == 2 ? std::optional(s[1]) : std::nullopt);
  if (s[0] == "mode" && s.size() <= 2) return Mode(r, s.size() == 2 ? std::optional(s[1]) : std::nullopt);
  if (s[0] == "compatibility" && s.size() >= 4 && s.size() <= 5 && s[1] == "subjects" && s[3] == "versions") {
    if (r.method != "POST") return MethodNotAllowed();
    return Compatibility(r, s[2], s.size() == 5 ? std::optional(s[4]) : std::nullopt);
  }
  return NotFound();
}

std::optional<ApiError> SchemaRegistryRouter::Write(const std::vector<SchemasRecord>& records) {
  if (records.empty()) return std::nullopt;
  Status st = writer_(records);
  if (st.ok()) return std::nullopt;
  if (st.code() == Status::Code::kTimeout) {
    return ApiError{error_code::kOperationTimeout, "Write to the schemas topic timed out: " + st.message()};
  }
  return ApiError{error_code::kStoreError, "Error while writing to the schemas topic: " + st.message()};
}

HttpResponse SchemaRegistryRouter::Subjects(const Parsed& r) {
  const std::string prefix = r.query.count("subjectPrefix") ? r.query.at("subjectPrefix") : "";
  ordered_json out = ordered_json::array();
  for (const std::string& subject : store_->Subjects(r.Flag("deleted"))) {
    if (subject.rfind(prefix, 0) == 0) out.push_back(subject);
  }
  return Json(200, out);
}

HttpResponse SchemaRegistryRouter::AllSchemas(const Parsed& r) {
  const std::string prefix = r.query.count("subjectPrefix") ? r.query.at("subjectPrefix") : "";
  const bool deleted = r.Flag("deleted");
  ordered_json out = ordered_json::array();
  for (const std::string& subject : store_->Subjects(deleted)) {
    if (subject.rfind(prefix, 0) != 0) continue;
    std::optional<std::vector<StoredVersion>> versions = store_->Versions(subject, deleted);
    if (!versions) continue;
    if (r.Flag("latestOnly")) {
      out.push_back(VersionJson(versions->back()));
      continue;
    }
    for (const StoredVersion& v : *versions) out.push_back(VersionJson(v));
  }
  return Json(200, out);
}

HttpResponse SchemaRegistryRouter::SubjectVersions(const Parsed& r, const std::string& subject) {
  std::optional<std::vector<StoredVersion>> versions = store_->Versions(subject, r.Flag("deleted"));
  if (!versions) return Error(SubjectNotFound(subject));
  ordered_json out = ordered_json::array();
  for (const StoredVersion& v : *versions) out.push_back(v.version.value);
  return Json(200, out);
}

HttpResponse SchemaRegistryRouter::SubjectVersion(const Parsed& r, const std::string& subject,
                                                  const std::string& version_text) {
  ApiResult<std::optional<SchemaVersion>> version = ParseVersion(version_text);
  if (!version.ok()) return Error(version.error());
  if (r.method == "DELETE" && r.path.size() == 4) {
    std::lock_guard lock(write_mu_);
    ApiResult<DeletePlan> plan = store_->PlanDeleteVersion(subject, version.value(), r.Flag("permanent"));
    if (!plan.ok()) return Error(plan.error());
    if (auto e = Write(plan->records)) return Error(*e);
    return Json(200, plan->versions.front());
  }
  if (r.method != "GET") return MethodNotAllowed();
  const bool deleted = r.Flag("deleted");
  if (!store_->Versions(subject, deleted)) return Error(SubjectNotFound(subject));
  std::optional<StoredVersion> v = store_->Version(subject, version.value(), deleted);
  if (!v) {
    return Error({error_code::kVersionNotFound,
                  "Version " + (version.value() ? std::to_string(version.value()->value) : version_text) +
                      " not found."});
  }
  if (r.path.size() == 5 && r.path[4] == "schema") {
    HttpResponse raw;
    raw.body = v->schema;
    return raw;
  }
  if (r.path.size() == 5) {
    ordered_json ids = ordered_json::array();
    for (int32_t id : store_->ReferencedBy(subject, v->version)) ids.push_back(id);
    return Json(200, ids);
  }
  return Json(200, VersionJson(*v));
}

HttpResponse SchemaRegistryRouter::Register(const Parsed& r, const std::string& subject) {
  ApiResult<RegisterRequest> request = ParseSchemaBody(r.body);
  if (!request.ok()) return Error(request.error());
  std::lock_guard lock(write_mu_);
  ApiResult<RegisterPlan> plan = store_->PlanRegister(subject, request.value());
  if (!plan.ok()) return Error(plan.error());
  if (auto e = Write(plan->records)) return Error(*e);
  if (!plan->records.empty()) {
    // The writer promised the records are applied; if the version is not there, another writer won.
    std::optional<StoredVersion> applied = store_->Version(subject, plan->version, true);
    if (!applied || applied->id != plan->id) {
      return Error({error_code::kStoreError, "Register of subject '" + subject + "' was not applied"});
    }
  }
  ordered_json out;
  out["id"] = plan->id.value;
  return Json(200, out);
}

HttpResponse SchemaRegistryRouter::Lookup(const Parsed& r, const std::string& subject) {
  ApiResult<RegisterRequest> request = ParseSchemaBody(r.body);
  if (!request.ok()) return Error(request.error());
  const bool deleted = r.Flag("deleted");
  if (!store_->Versions(subject, deleted)) return Error(SubjectNotFound(subject));
  RegisterRequest normalized = request.value();
  normalized.schema = NormalizedSchemaText(normalized.type, normalized.schema);
  std::optional<StoredVersion> found = store_->FindSchemaInSubject(subject, normalized, deleted);
  if (!found) {
    // An unparsable schema is 42201 rather than "not found", as in Confluent.
    ApiResult<std::vector<ResolvedReference>> refs = store_->ResolveReferences(normalized.references);
    if (!refs.ok()) return Error(refs.error());
    Status valid = ValidateSchema({normalized.type, normalized.schema, refs.value()});
    if (!valid.ok()) return Error({error_code::kInvalidSchema, valid.message()});
    return Error({error_code::kSchemaNotFound, "Schema not found"});
  }
  return Json(200, VersionJson(*found));
}

HttpResponse SchemaRegistryRouter::DeleteSubject(const Parsed& r, const std::string& subject) {
  std::lock_guard lock(write_mu_);
  ApiResult<DeletePlan> plan = store_->PlanDeleteSubject(subject, r.Flag("permanent"));
  if (!plan.ok()) return Error(plan.error());
  if (auto e = Write(plan->records)) return Error(*e);
  return Json(200, plan->versions);
}

HttpResponse SchemaRegistryRouter::SchemaById(const Parsed& r, const std::string& id_text, const std::string& what) {
  int32_t id = 0;
  auto [p, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || p != id_text.data() + id_text.size()) return NotFound();
  std::optional<StoredVersion> schema = store_->SchemaById(SchemaId(id));
  const ApiError not_found{error_code::kSchemaNotFound, "Schema " + std::to_string(id) + " not found"};
  if (!schema) return Error(not_found);
  if (what.empty()) {
    ordered_json out;
    if (schema->type != SchemaType::kAvro) out["schemaType"] = SchemaTypeName(schema->type);
    out["schema"] = schema->schema;
    if (!schema->references.empty()) out["references"] = ReferencesJson(schema->references);
    return Json(200, out);
  }
  if (what == "schema") {
    HttpResponse raw;
    raw.body = schema->schema;
    return raw;
  }
  if (what == "versions" || what == "subjects") {
    ordered_json out = ordered_json::array();
    std::set<std::string> subjects;
    for (const StoredVersion& v : store_->VersionsOfId(SchemaId(id), r.Flag("deleted"))) {
      if (what == "versions") out.push_back({{"subject", v.subject}, {"version", v.version.value}});
      else if (subjects.insert(v.subject).second) out.push_back(v.subject);
    }
    return Json(200, out);
  }
  return NotFound();
}

HttpResponse SchemaRegistryRouter::Config(const Parsed& r, const std::optional<std::string>& subject) {
  auto level_json = [](CompatibilityLevel level) {
    ordered_json j;
    j["compatibilityLevel"] = CompatibilityLevelName(level);
    return j;
  };
  if (r.method == "GET") {
    if (!subject) return Json(200, level_json(store_->GlobalCompatibility().value_or(kDefaultCompatibility)));
    std::optional<CompatibilityLevel> level = store_->SubjectCompatibility(*subject);
    if (!level && r.Flag("defaultToGlobal")) level = store_->EffectiveCompatibility(*subject);
    if (!level) {
      return Error({error_code::kSubjectCompatibilityNotConfigured,
                    "Subject '" + *subject + "' does not have subject-level compatibility configured"});
    }
    return Json(200, level_json(*level));
  }
  if (r.method == "PUT") {
    Result<ordered_json> body = ParseOrderedJson(r.body);
    std::optional<CompatibilityLevel> level;
    if (body.ok() && body->is_object() && body->contains("compatibility") && (*body)["compatibility"].is_string()) {
      level = ParseCompatibilityLevel((*body)["compatibility"].get<std::string>());
    }
    if (!level) {
      return Error({error_code::kInvalidCompatibilityLevel,
                    "Invalid compatibility level. Valid values are none, backward, forward, full, "
                    "backward_transitive, forward_transitive, and full_transitive"});
    }
    std::lock_guard lock(write_mu_);
    if (auto e = Write(store_->PlanSetCompatibility(subject, level))) return Error(*e);
    ordered_json out;
    out["compatibility"] = CompatibilityLevelName(*level);
    return Json(200, out);
  }
  if (r.method == "DELETE") {
    std::lock_guard lock(write_mu_);
    CompatibilityLevel previous = kDefaultCompatibility;
    if (subject) {
      std::optional<CompatibilityLevel> level = store_->SubjectCompatibility(*subject);
      if (!level && !store_->Versions(*subject, false)) return Error(SubjectNotFound(*subject));
      previous = level.value_or(store_->EffectiveCompatibility(*subject));
    } else {
      previous = store_->GlobalCompatibility().value_or(kDefaultCompatibility);
    }
    if (auto e = Write(store_->PlanSetCompatibility(subject, std::nullopt))) return Error(*e);
    return Json(200, level_json(previous));
  }
  return MethodNotAllowed();
}

HttpResponse SchemaRegistryRouter::Mode(const Parsed& r, const std::optional<std::string>& subject) {
  auto mode_json = [](RegistryMode mode) {
    ordered_json j;
    j["mode"] = RegistryModeName(mode);
    return j;
  };
  if (r.method == "GET") {
    if (!subject) return Json(200, mode_json(store_->GlobalMode()));
    std::optional<RegistryMode> mode = store_->SubjectMode(*subject);
    if (!mode && r.Flag("defaultToGlobal")) mode = store_->GlobalMode();
    if (!mode) {
      return Error({error_code::kSubjectModeNotConfigured,
                    "Subject '" + *subject + "' does not have subject-level mode configured"});
    }
    return Json(200, mode_json(*mode));
  }
  if (r.method == "PUT" || r.method == "DELETE") {
    std::optional<RegistryMode> mode;
    if (r.method == "PUT") {
      Result<ordered_json> body = ParseOrderedJson(r.body);
      if (body.ok() && body->is_object() && body->contains("mode") && (*body)["mode"].is_string()) {
        mode = ParseRegistryMode((*body)["mode"].get<std::string>());
      }
      if (!mode) return Error({error_code::kInvalidMode, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT"});
    }
    std::lock_guard lock(write_mu_);
    const RegistryMode previous = subject ? store_->EffectiveMode(*subject) : store_->GlobalMode();
    ApiResult<std::vector<SchemasRecord>> plan = store_->PlanSetMode(subject, mode, r.Flag("force"));
    if (!plan.ok()) return Error(plan.error());
    if (auto e = Write(plan.value())) return Error(*e);
    return Json(200, mode_json(mode.value_or(previous)));
  }
  return MethodNotAllowed();
}

HttpResponse SchemaRegistryRouter::Compatibility(const Parsed& r, const std::string& subject,
                                                 const std::optional<std::string>& version_text) {
  ApiResult<RegisterRequest> request = ParseSchemaBody(r.body);
  if (!request.ok()) return Error(request.error());
  std::optional<std::vector<StoredVersion>> against;  // nullopt: every version the level names
  if (version_text) {
    ApiResult<std::optional<SchemaVersion>> version = ParseVersion(*version_text);
    if (!version.ok()) return Error(version.error());
    std::optional<StoredVersion> v = store_->Version(subject, version.value(), false);
    if (!v) {
      // Nothing to be incompatible with: the latest of a new subject accepts anything (Confluent does too).
      if (!version.value() && !store_->Versions(subject, false)) against = std::vector<StoredVersion>{};
      else if (!store_->Versions(subject, false)) return Error(SubjectNotFound(subject));
      else return Error({error_code::kVersionNotFound, "Version " + *version_text + " not found."});
    } else {
      against = std::vector<StoredVersion>{*v};
    }
  }
  ApiResult<std::vector<std::string>> messages = store_->CheckCompatibility(subject, request.value(), against);
  if (!messages.ok()) return Error(messages.error());
  ordered_json out;
  out["is_compatible"] = messages->empty();
  if (r.Flag("verbose")) out["messages"] = messages.value();
  return Json(200, out);
}

}  // namespace partita::schema_registry
