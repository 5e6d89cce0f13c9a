// PrincipalMapper: Kafka's ssl.principal.mapping.rules (KIP-371, SslPrincipalMapper): turns a client
// certificate's distinguished name into a principal name. Rules are tried in order: "DEFAULT" keeps the DN;
// "RULE:pattern/replacement/[LU]" applies when the regular expression matches the whole DN, replacing with $n
// group references and optionally lower- (L) or upper-casing (U) the result. No applicable rule means the
// client is not authenticated (Kafka fails the handshake with "No rules apply").
// Thread safety: immutable after Parse; Map may be called from any thread.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "engine/common/status.h"

namespace partita::security {

class PrincipalMapper {
 public:
  static Result<PrincipalMapper> Parse(const std::string& rules);
  std::optional<std::string> Map(const std::string& distinguished_name) const;

 private:
  struct Rule {
    bool is_default = false;
    std::regex pattern;
    std::string replacement;
    char letter_case = 0;  // 'L', 'U' or 0
  };
  std::vector<Rule> rules_;
};

}  // namespace partita::security
