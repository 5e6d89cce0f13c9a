#include "app/cli/cli_args.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>

namespace partita::cli {

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<ParsedArgs> ParseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  ParsedArgs out;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inline_value;
    if (name.rfind("--", 0) == 0) {
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
    } else if (name != "-h") {
      return Status::InvalidArgument("unexpected argument '" + name + "'");
    }
    if (name == "-h") name = "--help";
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      if (name == "--help") {
        out.AddFlag(name);
        continue;
      }
      return Status::InvalidArgument("unknown option '" + name + "'");
    }
    const std::string& stored = spec->alias_of.empty() ? name : spec->alias_of;
    if (!spec->takes_value) {
      if (inline_value) return Status::InvalidArgument("option '" + name + "' takes no value");
      out.AddFlag(stored);
      continue;
    }
    if (inline_value) {
      out.AddValue(stored, *inline_value);
      continue;
    }
    if (i + 1 >= args.size()) return Status::InvalidArgument("option '" + name + "' needs a value");
    out.AddValue(stored, args[++i]);
  }
  return out;
}

std::string FormatHelp(const std::string& usage, const std::vector<OptionSpec>& specs) {
  std::string text = "usage: " + usage + "\n";
  auto line = [&text](const OptionSpec& s) {
    std::string left = "  " + s.name + (s.takes_value ? " <value>" : "");
    if (left.size() < 34) left.resize(34, ' ');
    text += left + " " + s.help + "\n";
  };
  for (const auto& s : specs) line(s);
  // main() answers --version for every verb that does not give it a meaning of its own.
  const bool own_version = std::any_of(specs.begin(), specs.end(), [](const OptionSpec& s) { return s.name == "--version"; });
  if (!own_version) line(OptionSpec{"--version", false, "print the version and exit"});
  return text;
}

Result<int64_t> ParseInt64(const std::string& text, const std::string& what) {
  if (text.empty()) return Status::InvalidArgument(what + " is empty");
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != 0 || errno == ERANGE) return Status::InvalidArgument(what + ": '" + text + "' is not an integer");
  return static_cast<int64_t>(v);
}

Result<int32_t> ParseInt32(const std::string& text, const std::string& what) {
  auto v = ParseInt64(text, what);
  if (!v.ok()) return v.status();
  if (*v < INT32_MIN || *v > INT32_MAX) return Status::InvalidArgument(what + ": '" + text + "' is out of range");
  return static_cast<int32_t>(*v);
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    auto last = item.find_last_not_of(" \t");
    item.erase(last == std::string::npos ? 0 : last + 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::vector<int32_t>> ParseIntList(const std::string& text, const std::string& what) {
  std::vector<int32_t> out;
  for (const auto& item : SplitList(text)) {
    auto v = ParseInt32(item, what);
    if (!v.ok()) return v.status();
    out.push_back(*v);
  }
  if (out.empty()) return Status::InvalidArgument(what + " is empty");
  return out;
}

Result<std::pair<std::string, std::string>> ParseKeyValue(const std::string& text, const std::string& what) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::InvalidArgument(what + ": '" + text + "' is not key=value");
  }
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

Result<std::vector<std::pair<std::string, std::string>>> ParseConfigList(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string item;
  int depth = 0;
  auto flush = [&]() -> Status {
    if (item.empty()) return Status::Ok();
    auto kv = ParseKeyValue(item, "config");
    if (!kv.ok()) return kv.status();
    std::string value = kv->second;
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') value = value.substr(1, value.size() - 2);
    out.emplace_back(kv->first, value);
    item.clear();
    return Status::Ok();
  };
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      PARTITA_RETURN_IF_ERROR(flush());
      continue;
    }
    item.push_back(c);
  }
  if (depth != 0) return Status::InvalidArgument("config list '" + text + "' has unbalanced brackets");
  PARTITA_RETURN_IF_ERROR(flush());
  if (out.empty()) return Status::InvalidArgument("config list is empty");
  return out;
}

}  // namespace partita::cli
