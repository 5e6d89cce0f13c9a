// RenderConfigReference: docs/CONFIG.md, generated from ConfigDef so the reference cannot drift from what the
// broker accepts (test_config_reference compares the two; `partita-broker --config-reference` prints it).
// Thread safety: a pure function.
#pragma once

#include <string>

namespace partita::broker {

std::string RenderConfigReference();

}  // namespace partita::broker
