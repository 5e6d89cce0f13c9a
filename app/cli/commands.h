// partita-cli subcommands. Each takes the arguments after its verb and returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace partita::cli {

int RunLocalCluster(const std::vector<std::string>& args);

}  // namespace partita::cli
