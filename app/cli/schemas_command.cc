// partita-cli schemas: a Schema Registry client over Confluent's REST API (Partita's broker registry, or
// Confluent's): list subjects, versions of a subject, get a schema by subject/version or id, register a schema
// from a file, check compatibility, delete, get or set the compatibility level. Answers are printed as the
// registry sends them (JSON), lists one item per line; a registry error prints "Error: <message> (error code N)"
// and exits 1.
#include <cctype>
#include <cstdio>
#include <map>
#include <variant>

#include <nlohmann/json.hpp>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "engine/metrics/http_client.h"

namespace partita::cli {

namespace {

constexpr const char* kVerb = "schemas";
constexpr const char* kContentType = "application/vnd.schemaregistry.v1+json";

const std::vector<OptionSpec>& Specs() {
  static const std::vector<OptionSpec> specs = {
      {"--registry", true, "REQUIRED: URL of the registry, e.g. http://127.0.0.1:8081"},
      {"--list", false, "list the subjects"},
      {"--versions", false, "list the versions of --subject"},
      {"--get", false, "print a schema: --subject [--version V|latest], or --id N"},
      {"--register", false, "register --schema-file under --subject; prints the id"},
      {"--compatibility", false, "check --schema-file against --subject (--version, default all per its level)"},
      {"--delete", false, "delete --subject, or one --version of it (soft; --permanent after a soft delete)"},
      {"--config", false, "print the compatibility level (global, or of --subject); set it with --level"},
      {"--subject", true, "SUBJECT: the subject"},
      {"--version", true, "VERSION: a version number or latest"},
      {"--id", true, "ID: a schema id"},
      {"--schema-file", true, "FILE: the schema text (.avsc, .json, .proto)"},
      {"--schema-type", true, "TYPE: AVRO (default), JSON or PROTOBUF"},
      {"--level", true, "LEVEL: NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"},
      {"--permanent", false, "with --delete: a hard delete"},
      {"--help", false, "print this help"},
  };
  return specs;
}

std::string PercentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Registry {
  std::string host;
  int port = 0;
  std::string prefix;  // path before the API's, without the trailing slash
};

Result<Registry> ParseRegistryUrl(const std::string& url) {
  std::string rest = url;
  if (rest.rfind("http://", 0) == 0) {
    rest = rest.substr(7);
  } else if (rest.find("://") != std::string::npos) {
    return Status::InvalidArgument("'" + url + "': only http:// registries are supported");
  }
  Registry r;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    r.prefix = rest.substr(slash);
    rest = rest.substr(0, slash);
    while (!r.prefix.empty() && r.prefix.back() == '/') r.prefix.pop_back();
  }
  const auto colon = rest.rfind(':');
  r.host = colon == std::string::npos ? rest : rest.substr(0, colon);
  if (r.host.size() >= 2 && r.host.front() == '[') r.host = r.host.substr(1, r.host.size() - 2);
  if (colon == std::string::npos) {
    r.port = 80;
  } else {
    auto port = ParseInt32(rest.substr(colon + 1), "the registry port");
    if (!port.ok() || *port <= 0 || *port > 65535) return Status::InvalidArgument("'" + url + "': bad port");
    r.port = *port;
  }
  if (r.host.empty()) return Status::InvalidArgument("'" + url + "': no host");
  return r;
}

// One call; the parsed JSON answer, or the exit code after printing the error.
std::variant<nlohmann::json, int> Call(const Registry& r, const std::string& method, const std::string& path,
                                       const std::string& body = {}) {
  std::map<std::string, std::string> headers{{"Accept", kContentType}};
  if (!body.empty()) headers["Content-Type"] = kContentType;
  auto answer = metrics::HttpCall(r.host, r.port, method, r.prefix + path, headers, body);
  if (!answer.ok()) return ReportError(kVerb, answer.status().message());
  nlohmann::json j = nlohmann::json::parse(answer->body, nullptr, false);
  if (answer->status >= 300) {
    if (j.is_object() && j.contains("message")) {
      return ReportError(kVerb, j.value("message", std::string()) + " (error code " +
                                    std::to_string(j.value("error_code", answer->status)) + ")");
    }
    return ReportError(kVerb, "HTTP " + std::to_string(answer->status) + ": " + answer->body);
  }
  if (j.is_discarded()) return ReportError(kVerb, "the registry answered something that is not JSON");
  return j;
}

void PrintList(const nlohmann::json& j) {
  for (const auto& item : j) std::printf("%s\n", item.is_string() ? item.get<std::string>().c_str() : item.dump().c_str());
}

}  // namespace

int RunSchemas(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (!parsed.ok()) return ReportUsage(kVerb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli schemas --registry URL (--list | --versions | --get | --register | "
                          "--compatibility | --delete | --config) [options]",
                          Specs())
                   .c_str(),
               stdout);
    return 0;
  }
  auto url = a.Get("--registry");
  if (!url) return ReportUsage(kVerb, "--registry is required");
  auto registry = ParseRegistryUrl(*url);
  if (!registry.ok()) return ReportUsage(kVerb, registry.status().message());
  int actions = 0;
  for (const char* action : {"--list", "--versions", "--get", "--register", "--compatibility", "--delete", "--config"}) {
    actions += a.Has(action) ? 1 : 0;
  }
  if (actions != 1) return ReportUsage(kVerb, "give exactly one of --list, --versions, --get, --register, "
                                              "--compatibility, --delete, --config");
  const auto subject = a.Get("--subject");
  const std::string s = subject ? "/subjects/" + PercentEncode(*subject) : std::string();
  const auto version = a.Get("--version");
  const auto need_subject = [&]() -> std::optional<int> {
    if (!subject) return ReportUsage(kVerb, "--subject is required");
    return std::nullopt;
  };
  const auto schema_body = [&]() -> std::variant<std::string, int> {
    auto file = a.Get("--schema-file");
    if (!file) return ReportUsage(kVerb, "--schema-file is required");
    auto text = ReadTextFile(*file);
    if (!text.ok()) return ReportError(kVerb, text.status().message());
    nlohmann::json body;
    body["schema"] = *text;
    const std::string type = a.Get("--schema-type").value_or("AVRO");
    if (type != "AVRO" && type != "JSON" && type != "PROTOBUF") {
      return ReportUsage(kVerb, "--schema-type must be AVRO, JSON or PROTOBUF");
    }
    if (type != "AVRO") body["schemaType"] = type;
    return body.dump();
  };

  std::variant<nlohmann::json, int> answer;
  if (a.Has("--list")) {
    answer = Call(*registry, "GET", "/subjects");
    if (auto* j = std::get_if<nlohmann::json>(&answer)) PrintList(*j);
  } else if (a.Has("--versions")) {
    if (auto e = need_subject()) return *e;
    answer = Call(*registry, "GET", s + "/versions");
    if (auto* j = std::get_if<nlohmann::json>(&answer)) PrintList(*j);
  } else if (a.Has("--get")) {
    if (auto id = a.Get("--id")) {
      auto n = ParseInt32(*id, "--id");
      if (!n.ok()) return ReportUsage(kVerb, n.status().message());
      answer = Call(*registry, "GET", "/schemas/ids/" + std::to_string(*n));
    } else {
      if (auto e = need_subject()) return *e;
      answer = Call(*registry, "GET", s + "/versions/" + PercentEncode(version.value_or("latest")));
    }
    if (auto* j = std::get_if<nlohmann::json>(&answer)) std::printf("%s\n", j->dump(2).c_str());
  } else if (a.Has("--register") || a.Has("--compatibility")) {
    if (auto e = need_subject()) return *e;
    auto body = schema_body();
    if (auto* code = std::get_if<int>(&body)) return *code;
    if (a.Has("--register")) {
      answer = Call(*registry, "POST", s + "/versions", std::get<std::string>(body));
      if (auto* j = std::get_if<nlohmann::json>(&answer)) std::printf("%s\n", j->dump().c_str());
    } else {
      const std::string path = "/compatibility" + s + "/versions" +
                               (version ? "/" + PercentEncode(*version) : std::string()) + "?verbose=true";
      answer = Call(*registry, "POST", path, std::get<std::string>(body));
      if (auto* j = std::get_if<nlohmann::json>(&answer)) {
        const bool ok = j->value("is_compatible", false);
        std::printf("%s\n", ok ? "compatible" : "incompatible");
        if (j->contains("messages")) PrintList((*j)["messages"]);
        if (!ok) return 1;
      }
    }
  } else if (a.Has("--delete")) {
    if (auto e = need_subject()) return *e;
    const std::string path = (version ? s + "/versions/" + PercentEncode(*version) : s) +
                             (a.Has("--permanent") ? "?permanent=true" : "");
    answer = Call(*registry, "DELETE", path);
    if (auto* j = std::get_if<nlohmann::json>(&answer)) {
      if (j->is_array()) PrintList(*j);
      else std::printf("%s\n", j->dump().c_str());
    }
  } else {  // --config
    const std::string path = "/config" + (subject ? "/" + PercentEncode(*subject) : std::string());
    if (auto level = a.Get("--level")) {
      nlohmann::json body;
      body["compatibility"] = *level;
      answer = Call(*registry, "PUT", path, body.dump());
      if (auto* j = std::get_if<nlohmann::json>(&answer)) std::printf("%s\n", j->value("compatibility", "").c_str());
    } else {
      answer = Call(*registry, "GET", path + (subject ? "?defaultToGlobal=true" : ""));
      if (auto* j = std::get_if<nlohmann::json>(&answer)) {
        std::printf("%s\n", j->value("compatibilityLevel", "").c_str());
      }
    }
  }
  if (auto* code = std::get_if<int>(&answer)) return *code;
  return 0;
}

}  // namespace partita::cli
