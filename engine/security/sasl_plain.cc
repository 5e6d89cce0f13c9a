#include "engine/security/sasl_plain.h"

#include <openssl/crypto.h>

#include <cctype>

namespace partita::security {

Result<JaasEntry> ParseJaasConfig(const std::string& text) {
  JaasEntry e;
  size_t pos = 0;
  auto skip_space = [&] {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  };
  auto word = [&] {
    size_t start = pos;
    while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos])) && text[pos] != '=' &&
           text[pos] != ';' && text[pos] != '"')
      ++pos;
    return text.substr(start, pos - start);
  };
  auto fail = [&](const std::string& why) {
    return Status::InvalidArgument("sasl.jaas.config: " + why + " at position " + std::to_string(pos));
  };
  skip_space();
  e.login_module = word();
  if (e.login_module.empty()) return fail("expected a login module class");
  skip_space();
  e.flag = word();
  if (e.flag != "required" && e.flag != "requisite" && e.flag != "sufficient" && e.flag != "optional") {
    return fail("expected a control flag (required, requisite, sufficient or optional), got '" + e.flag + "'");
  }
  for (;;) {
    skip_space();
    if (pos >= text.size()) return fail("missing ';' at the end");
    if (text[pos] == ';') {
      ++pos;
      skip_space();
      if (pos != text.size()) return fail("only one login module entry is allowed");
      return e;
    }
    std::string key = word();
    skip_space();
    if (key.empty() || pos >= text.size() || text[pos] != '=') return fail("expected key=value");
    ++pos;
    skip_space();
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        char c = text[pos++];
        if (c == '\\' && pos < text.size()) {
          value.push_back(text[pos++]);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.push_back(c);
        }
      }
      if (!closed) return fail("unterminated quoted value of " + key);
    } else {
      value = word();
    }
    e.options[key] = value;
  }
}

Result<PlainAuthenticator> PlainAuthenticator::FromJaas(const std::string& jaas, const std::string& what) {
  auto entry = ParseJaasConfig(jaas);
  if (!entry.ok()) return Status::InvalidArgument(what + ": " + entry.status().message());
  if (entry->login_module != "org.apache.kafka.common.security.plain.PlainLoginModule") {
    return Status::InvalidArgument(what + ": PLAIN needs org.apache.kafka.common.security.plain.PlainLoginModule, not " +
                                   entry->login_module);
  }
  PlainAuthenticator a;
  for (const auto& [k, v] : entry->options) {
    if (k.rfind("user_", 0) == 0 && k.size() > 5) a.users_[k.substr(5)] = v;
  }
  if (a.users_.empty()) {
    return Status::InvalidArgument(what + ": no user_<name>=\"<password>\" option, so no one could log in");
  }
  return a;
}

std::optional<std::string> PlainAuthenticator::Authenticate(std::span<const uint8_t> token, std::string* error) const {
  // RFC 4616: message = [authzid] UTF8NUL authcid UTF8NUL passwd.
  std::string_view t(reinterpret_cast<const char*>(token.data()), token.size());
  size_t first = t.find('\0');
  size_t second = first == std::string_view::npos ? first : t.find('\0', first + 1);
  if (second == std::string_view::npos || t.find('\0', second + 1) != std::string_view::npos) {
    *error = "Invalid SASL/PLAIN response: expected 3 tokens";
    return std::nullopt;
  }
  std::string_view authzid = t.substr(0, first);
  std::string_view user = t.substr(first + 1, second - first - 1);
  std::string_view password = t.substr(second + 1);
  if (user.empty() || password.empty()) {
    *error = user.empty() ? "Authentication failed: username not specified"
                          : "Authentication failed: password not specified";
    return std::nullopt;
  }
  if (!authzid.empty() && authzid != user) {
    *error = "Authentication failed: Client requested an authorization id that is different from username";
    return std::nullopt;
  }
  auto it = users_.find(std::string(user));
  // Compare in constant time and do the same work for an unknown user, so neither the answer nor its timing
  // says whether the user exists.
  static const std::string kNoUser(32, '\x01');
  const std::string& expected = it == users_.end() ? kNoUser : it->second;
  const bool same_length = expected.size() == password.size();
  const bool same = CRYPTO_memcmp(expected.data(), same_length ? password.data() : expected.data(),
                                  expected.size()) == 0 &&
                    same_length;
  if (it == users_.end() || !same) {
    *error = "Authentication failed: Invalid username or password";
    return std::nullopt;
  }
  return std::string(user);
}

}  // namespace partita::security
