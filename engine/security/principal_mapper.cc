#include "engine/security/principal_mapper.h"

#include <cctype>

namespace partita::security {

namespace {

// Reads up to an unescaped '/', keeping escapes as they are (they mean the same to the regex), except "\/".
bool ReadPart(const std::string& s, size_t* pos, std::string* out) {
  while (*pos < s.size()) {
    char c = s[*pos];
    if (c == '\\' && *pos + 1 < s.size()) {
      if (s[*pos + 1] != '/') out->push_back('\\');
      out->push_back(s[*pos + 1]);
      *pos += 2;
      continue;
    }
    if (c == '/') {
      ++*pos;
      return true;
    }
    out->push_back(c);
    ++*pos;
  }
  return false;
}

}  // namespace

Result<PrincipalMapper> PrincipalMapper::Parse(const std::string& rules) {
  PrincipalMapper m;
  size_t pos = 0;
  auto skip_separators = [&] {
    while (pos < rules.size() && (std::isspace(static_cast<unsigned char>(rules[pos])) || rules[pos] == ',')) ++pos;
  };
  skip_separators();
  while (pos < rules.size()) {
    Rule r;
    if (rules.compare(pos, 7, "DEFAULT") == 0) {
      r.is_default = true;
      pos += 7;
    } else if (rules.compare(pos, 5, "RULE:") == 0) {
      pos += 5;
      std::string pattern;
      if (!ReadPart(rules, &pos, &pattern) || !ReadPart(rules, &pos, &r.replacement)) {
        return Status::InvalidArgument("ssl.principal.mapping.rules: rule '" + rules.substr(0, pos) +
                                       "' is not RULE:pattern/replacement/[LU]");
      }
      if (pos < rules.size() && (rules[pos] == 'L' || rules[pos] == 'U')) r.letter_case = rules[pos++];
      try {
        r.pattern = std::regex(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        return Status::InvalidArgument("ssl.principal.mapping.rules: invalid pattern '" + pattern + "': " + e.what());
      }
    } else {
      return Status::InvalidArgument("ssl.principal.mapping.rules: expected DEFAULT or RULE: at '" +
                                     rules.substr(pos) + "'");
    }
    m.rules_.push_back(std::move(r));
    if (pos < rules.size() && rules[pos] != ',' && !std::isspace(static_cast<unsigned char>(rules[pos]))) {
      return Status::InvalidArgument("ssl.principal.mapping.rules: unexpected '" + rules.substr(pos) + "'");
    }
    skip_separators();
  }
  if (m.rules_.empty()) m.rules_.push_back(Rule{.is_default = true});
  return m;
}

std::optional<std::string> PrincipalMapper::Map(const std::string& dn) const {
  for (const auto& r : rules_) {
    if (r.is_default) return dn;
    if (!std::regex_match(dn, r.pattern)) continue;
    std::string out = std::regex_replace(dn, r.pattern, r.replacement);
    for (auto& c : out) {
      if (r.letter_case == 'L') c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (r.letter_case == 'U') c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace partita::security
