#include "engine/schema_registry/protobuf_schema.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace partita::schema_registry {

namespace {

const std::set<std::string> kScalars = {"double", "float", "int32", "int64", "uint32", "uint64", "sint32",
                                        "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool",
                                        "string", "bytes"};

struct Token {
  enum Kind { kIdent, kNumber, kString, kSymbol, kEnd } kind = kEnd;
  std::string text;
};

// Splits .proto text into identifiers (dots included), numbers, quoted strings and one-char symbols.
Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const size_t end = s.find("*/", i + 2);
      if (end == std::string_view::npos) return Status::InvalidArgument("unterminated comment");
      i = end + 2;
      continue;
    }
    Token t;
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '.') {
      const size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.')) ++i;
      t = {Token::kIdent, std::string(s.substr(start, i - start))};
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') {
      const size_t start = i++;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '+' ||
                              s[i] == '-')) {
        ++i;
      }
      t = {Token::kNumber, std::string(s.substr(start, i - start))};
    } else if (c == '"' || c == '\'') {
      const size_t start = ++i;
      while (i < s.size() && s[i] != c) i += s[i] == '\\' ? 2 : 1;
      if (i >= s.size()) return Status::InvalidArgument("unterminated string");
      t = {Token::kString, std::string(s.substr(start, i - start))};
      ++i;
    } else {
      t = {Token::kSymbol, std::string(1, c)};
      ++i;
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool IsWellKnownImport(const std::string& path) { return path.rfind("google/protobuf/", 0) == 0 ||
                                                          path.rfind("google/type/", 0) == 0 ||
                                                          path.rfind("confluent/", 0) == 0; }

}  // namespace

class ProtobufParser {
 public:
  ProtobufParser(ProtobufSchema* schema, std::vector<Token> tokens) : schema_(schema), tokens_(std::move(tokens)) {}

  Status ParseFile() {
    while (!AtEnd()) {
      const Token t = Next();
      if (t.text == ";") continue;
      if (t.text == "syntax" || t.text == "edition") {
        PARTITA_RETURN_IF_ERROR(Expect("="));
        const Token v = Next();
        if (v.kind != Token::kString || (v.text != "proto2" && v.text != "proto3")) {
          return Error("unsupported syntax " + v.text);
        }
        schema_->syntax_ = v.text;
        PARTITA_RETURN_IF_ERROR(Expect(";"));
      } else if (t.text == "package") {
        const Token v = Next();
        if (v.kind != Token::kIdent) return Error("bad package name");
        schema_->package_ = v.text;
        PARTITA_RETURN_IF_ERROR(Expect(";"));
      } else if (t.text == "import") {
        Token v = Next();
        if (v.text == "public" || v.text == "weak") v = Next();
        if (v.kind != Token::kString) return Error("import needs a file name");
        schema_->imports_.push_back(v.text);
        PARTITA_RETURN_IF_ERROR(Expect(";"));
      } else if (t.text == "option") {
        PARTITA_RETURN_IF_ERROR(SkipStatement());
      } else if (t.text == "message") {
        PARTITA_RETURN_IF_ERROR(ParseMessage(Prefix(schema_->package_), 0));
      } else if (t.text == "enum") {
        PARTITA_RETURN_IF_ERROR(ParseEnum(Prefix(schema_->package_)));
      } else if (t.text == "service" || t.text == "extend") {
        Next();
        PARTITA_RETURN_IF_ERROR(SkipBlock());
      } else {
        return Error("unexpected '" + t.text + "'");
      }
    }
    return Status::Ok();
  }

  std::vector<std::pair<std::string, ProtobufField*>> unresolved_;  // (scope, field) to resolve after parsing

 private:
  static std::string Prefix(const std::string& scope) { return scope.empty() ? "" : scope + "."; }
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  Token Next() { return AtEnd() ? Token{} : tokens_[pos_++]; }
  const Token& Peek() const {
    static const Token kEnd;
    return AtEnd() ? kEnd : tokens_[pos_];
  }
  Status Error(const std::string& message) const { return Status::InvalidArgument("Invalid protobuf schema: " + message); }
  Status Expect(const std::string& symbol) {
    const Token t = Next();
    if (t.text != symbol) return Error("expected '" + symbol + "', found '" + t.text + "'");
    return Status::Ok();
  }
  // Skips to the ';' ending a statement, over any nested (...) [...] {...}.
  Status SkipStatement() {
    int depth = 0;
    while (!AtEnd()) {
      const Token t = Next();
      if (t.kind != Token::kSymbol) continue;
      if (t.text == "{" || t.text == "[" || t.text == "(") ++depth;
      else if (t.text == "}" || t.text == "]" || t.text == ")") --depth;
      else if (t.text == ";" && depth == 0) return Status::Ok();
    }
    return Error("unterminated statement");
  }
  // Skips a {...} block whose '{' is next (after an optional header up to it).
  Status SkipBlock() {
    while (!AtEnd() && Peek().text != "{") Next();
    if (AtEnd()) return Error("expected a block");
    int depth = 0;
    while (!AtEnd()) {
      const Token t = Next();
      if (t.text == "{") ++depth;
      else if (t.text == "}" && --depth == 0) return Status::Ok();
    }
    return Error("unterminated block");
  }

  Status ParseEnum(const std::string& prefix) {
    const Token name = Next();
    if (name.kind != Token::kIdent) return Error("enum needs a name");
    ProtobufEnum e;
    e.full_name = prefix + name.text;
    PARTITA_RETURN_IF_ERROR(Expect("{"));
    bool first = true;
    while (Peek().text != "}") {
      if (AtEnd()) return Error("unterminated enum " + e.full_name);
      const Token t = Next();
      if (t.text == ";") continue;
      if (t.text == "option" || t.text == "reserved") {
        PARTITA_RETURN_IF_ERROR(SkipStatement());
        continue;
      }
      PARTITA_RETURN_IF_ERROR(Expect("="));
      const Token number = Next();
      if (number.kind != Token::kNumber) return Error("enum value " + t.text + " needs a number");
      const int32_t value = static_cast<int32_t>(std::strtol(number.text.c_str(), nullptr, 0));
      if (first && schema_->syntax_ == "proto3" && value != 0) {
        return Error("the first enum value of " + e.full_name + " must be zero in proto3");
      }
      first = false;
      e.values[t.text] = value;
      PARTITA_RETURN_IF_ERROR(SkipStatement());
    }
    Next();
    if (e.values.empty()) return Error("enum " + e.full_name + " has no values");
    if (!schema_->enums_.emplace(e.full_name, e).second) return Error("duplicate name " + e.full_name);
    return Status::Ok();
  }

  Status ParseField(ProtobufMessage* message, Token first, const std::string& oneof) {
    ProtobufField f;
    f.oneof = oneof;
    if (first.text == "optional" || first.text == "required" || first.text == "repeated") {
      f.label = first.text;
      first = Next();
    }
    if (first.text == "map") {
      PARTITA_RETURN_IF_ERROR(Expect("<"));
      const Token key = Next();
      PARTITA_RETURN_IF_ERROR(Expect(","));
      const Token value = Next();
      PARTITA_RETURN_IF_ERROR(Expect(">"));
      if (!kScalars.count(key.text) || key.text == "float" || key.text == "double" || key.text == "bytes") {
        return Error("invalid map key type " + key.text);
      }
      f.is_map = true;
      f.type = "map<" + key.text + "," + value.text + ">";
      f.resolved = value.text;  // the value type decides compatibility; resolved below
    } else if (first.kind == Token::kIdent) {
      f.type = first.text;
    } else {
      return Error("unexpected '" + first.text + "' in message " + message->full_name);
    }
    const Token name = Next();
    if (name.kind != Token::kIdent) return Error("field needs a name in " + message->full_name);
    if (name.text == "group" || Peek().text == "group") return Error("groups are not supported");
    f.name = name.text;
    PARTITA_RETURN_IF_ERROR(Expect("="));
    const Token number = Next();
    if (number.kind != Token::kNumber) return Error("field " + f.name + " needs a number");
    const long n = std::strtol(number.text.c_str(), nullptr, 0);
    if (n < 1 || n > 536870911 || (n >= 19000 && n <= 19999)) {
      return Error("invalid field number " + number.text + " for " + f.name);
    }
    f.number = static_cast<int32_t>(n);
    for (const ProtobufField& other : message->fields) {
      if (other.number == f.number) return Error("field number " + number.text + " used twice in " + message->full_name);
      if (other.name == f.name) return Error("field " + f.name + " defined twice in " + message->full_name);
    }
    PARTITA_RETURN_IF_ERROR(SkipStatement());
    message->fields.push_back(std::move(f));
    return Status::Ok();
  }

  Status ParseMessage(const std::string& prefix, int depth) {
    if (depth > 32) return Error("messages nested too deeply");
    const Token name = Next();
    if (name.kind != Token::kIdent) return Error("message needs a name");
    const size_t index = schema_->messages_.size();
    schema_->messages_.push_back({prefix + name.text, {}});
    const std::string full = prefix + name.text;
    for (size_t i = 0; i < index; ++i) {
      if (schema_->messages_[i].full_name == full) return Error("duplicate name " + full);
    }
    PARTITA_RETURN_IF_ERROR(Expect("{"));
    std::vector<ProtobufField> fields;
    ProtobufMessage scratch{full, {}};
    while (Peek().text != "}") {
      if (AtEnd()) return Error("unterminated message " + full);
      const Token t = Next();
      if (t.text == ";") continue;
      if (t.text == "message") {
        PARTITA_RETURN_IF_ERROR(ParseMessage(full + ".", depth + 1));
      } else if (t.text == "enum") {
        PARTITA_RETURN_IF_ERROR(ParseEnum(full + "."));
      } else if (t.text == "option" || t.text == "reserved" || t.text == "extensions") {
        PARTITA_RETURN_IF_ERROR(SkipStatement());
      } else if (t.text == "extend") {
        Next();
        PARTITA_RETURN_IF_ERROR(SkipBlock());
      } else if (t.text == "oneof") {
        const Token oneof = Next();
        PARTITA_RETURN_IF_ERROR(Expect("{"));
        while (Peek().text != "}") {
          if (AtEnd()) return Error("unterminated oneof " + oneof.text);
          const Token f = Next();
          if (f.text == ";") continue;
          if (f.text == "option") {
            PARTITA_RETURN_IF_ERROR(SkipStatement());
            continue;
          }
          PARTITA_RETURN_IF_ERROR(ParseField(&scratch, f, oneof.text));
        }
        Next();
      } else {
        PARTITA_RETURN_IF_ERROR(ParseField(&scratch, t, ""));
      }
    }
    Next();
    schema_->messages_[index].fields = std::move(scratch.fields);
    return Status::Ok();
  }

  ProtobufSchema* schema_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

const ProtobufMessage* ProtobufSchema::FindMessage(const std::string& full_name) const {
  for (const ProtobufMessage& m : messages_) {
    if (m.full_name == full_name) return &m;
  }
  return nullptr;
}

namespace {

// Protobuf's scoping: look for `name` in the message's scope, then each enclosing scope outwards.
std::string Resolve(const std::string& name, std::string scope, const std::set<std::string>& known) {
  if (!name.empty() && name[0] == '.') return known.count(name.substr(1)) ? name.substr(1) : "";
  while (true) {
    const std::string candidate = scope.empty() ? name : scope + "." + name;
    if (known.count(candidate)) return candidate;
    if (scope.empty()) return "";
    const size_t dot = scope.rfind('.');
    scope = dot == std::string::npos ? "" : scope.substr(0, dot);
  }
}

}  // namespace

Result<ProtobufSchema> ProtobufSchema::Parse(std::string_view text, const std::vector<ResolvedReference>& references) {
  Result<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return Status::InvalidArgument("Invalid protobuf schema: " + tokens.status().message());
  ProtobufSchema schema;
  ProtobufParser parser(&schema, std::move(*tokens));
  PARTITA_RETURN_IF_ERROR(parser.ParseFile());
  // Names visible to this file: its own and those of the referenced (imported) files.
  std::set<std::string> known;
  for (const ProtobufMessage& m : schema.messages_) known.insert(m.full_name);
  for (const auto& [name, e] : schema.enums_) known.insert(name);
  bool unresolvable_import = false;
  for (const std::string& import : schema.imports_) {
    auto ref = std::find_if(references.begin(), references.end(),
                            [&](const ResolvedReference& r) { return r.name == import; });
    if (ref != references.end()) {
      Result<ProtobufSchema> imported = Parse(ref->schema, {});
      if (imported.ok()) {
        for (const ProtobufMessage& m : imported->messages_) known.insert(m.full_name);
        for (const auto& [name, e] : imported->enums_) known.insert(name);
        continue;
      }
    }
    // Well-known files are not registered as references; a missing reference cannot be checked here.
    if (!IsWellKnownImport(import)) unresolvable_import = true;
  }
  for (ProtobufMessage& m : schema.messages_) {
    for (ProtobufField& f : m.fields) {
      const std::string type = f.is_map ? f.resolved : f.type;
      if (kScalars.count(type)) {
        f.resolved = type;
        continue;
      }
      f.resolved = Resolve(type, m.full_name, known);
      if (f.resolved.empty()) {
        const bool well_known = type.find("google.protobuf.") != std::string::npos ||
                                type.find("google.type.") != std::string::npos;
        if (!well_known && !unresolvable_import) {
          return Status::InvalidArgument("Invalid protobuf schema: type " + type + " of field " + m.full_name +
                                         "." + f.name + " is not defined");
        }
        f.resolved = type[0] == '.' ? type.substr(1) : type;
      }
    }
  }
  if (schema.messages_.empty() && schema.enums_.empty()) {
    return Status::InvalidArgument("Invalid protobuf schema: no message or enum defined");
  }
  return schema;
}

std::string ProtobufTokenText(std::string_view text) {
  Result<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return std::string(text);
  std::string out;
  for (const Token& t : *tokens) {
    if (!out.empty()) out += ' ';
    out += t.kind == Token::kString ? '"' + t.text + '"' : t.text;
  }
  return out;
}

namespace {

// Scalar types that share a wire encoding: changing between them keeps old bytes decodable.
int WireGroup(const std::string& scalar) {
  if (scalar == "int32" || scalar == "uint32" || scalar == "int64" || scalar == "uint64" || scalar == "bool") return 1;
  if (scalar == "sint32" || scalar == "sint64") return 2;
  if (scalar == "fixed32" || scalar == "sfixed32") return 3;
  if (scalar == "fixed64" || scalar == "sfixed64") return 4;
  if (scalar == "string" || scalar == "bytes") return 5;
  return 0;  // float, double: only themselves
}

const char* Kind(const ProtobufField& f, const std::map<std::string, ProtobufEnum>& enums) {
  if (f.is_map) return "map";
  if (kScalars.count(f.resolved)) return "scalar";
  return enums.count(f.resolved) ? "enum" : "message";
}

}  // namespace

std::vector<SchemaDifference> CheckProtobufCanRead(const ProtobufSchema& reader, const ProtobufSchema& writer) {
  std::vector<SchemaDifference> out;
  if (reader.package() != writer.package()) {
    out.push_back({"PACKAGE_CHANGED", "#/", "The package changed from '" + writer.package() + "' to '" +
                                                reader.package() + "'"});
  }
  for (const ProtobufMessage& wm : writer.messages()) {
    const std::string path = "#/" + wm.full_name;
    const ProtobufMessage* rm = reader.FindMessage(wm.full_name);
    if (!rm) {
      out.push_back({"MESSAGE_REMOVED", path, "The message " + wm.full_name + " was removed or renamed"});
      continue;
    }
    std::map<std::string, int> moved_to_oneof;  // reader oneof -> count of fields that were outside it
    for (const ProtobufField& wf : wm.fields) {
      const std::string fpath = path + "/" + std::to_string(wf.number);
      auto rf = std::find_if(rm->fields.begin(), rm->fields.end(),
                             [&](const ProtobufField& f) { return f.number == wf.number; });
      if (rf == rm->fields.end()) {
        if (wf.label == "required") {
          out.push_back({"REQUIRED_FIELD_REMOVED", fpath, "The required field " + wf.name + " was removed"});
        }
        if (!wf.oneof.empty()) {
          out.push_back({"ONEOF_FIELD_REMOVED", fpath, "The field " + wf.name + " was removed from oneof " + wf.oneof});
        }
        continue;
      }
      const std::string wk = Kind(wf, writer.enums());
      const std::string rk = Kind(*rf, reader.enums());
      if (wk != rk) {
        out.push_back({"FIELD_KIND_CHANGED", fpath, "The field " + wf.name + " changed from " + wk + " to " + rk});
      } else if (wk == "scalar" && wf.resolved != rf->resolved &&
                 (WireGroup(wf.resolved) == 0 || WireGroup(wf.resolved) != WireGroup(rf->resolved))) {
        out.push_back({"FIELD_SCALAR_KIND_CHANGED", fpath, "The field " + wf.name + " changed type from " +
                                                               wf.resolved + " to " + rf->resolved});
      } else if (wk != "scalar" && wf.resolved != rf->resolved) {
        out.push_back({"FIELD_NAMED_TYPE_CHANGED", fpath, "The field " + wf.name + " changed type from " +
                                                              wf.resolved + " to " + rf->resolved});
      }
      if (!wf.oneof.empty() && rf->oneof.empty()) {
        out.push_back({"ONEOF_FIELD_REMOVED", fpath, "The field " + wf.name + " left oneof " + wf.oneof});
      }
      if (wf.oneof.empty() && !rf->oneof.empty()) ++moved_to_oneof[rf->oneof];
    }
    for (const auto& [oneof, count] : moved_to_oneof) {
      if (count > 1) {
        out.push_back({"MULTIPLE_FIELDS_MOVED_TO_ONEOF", path + "/" + oneof,
                       "More than one existing field moved into oneof " + oneof});
      }
    }
    for (const ProtobufField& rf : rm->fields) {
      if (rf.label != "required") continue;
      const bool existed = std::any_of(wm.fields.begin(), wm.fields.end(),
                                       [&](const ProtobufField& f) { return f.number == rf.number; });
      if (!existed) {
        out.push_back({"REQUIRED_FIELD_ADDED", path + "/" + std::to_string(rf.number),
                       "The required field " + rf.name + " was added"});
      }
    }
  }
  return out;
}

}  // namespace partita::schema_registry
