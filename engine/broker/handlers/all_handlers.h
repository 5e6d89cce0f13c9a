// Registers every API this broker serves. The ApiVersions answer is derived from this table.
#pragma once

#include "engine/broker/handler_table.h"

namespace partita::broker {

void RegisterAllHandlers(HandlerTable& table);

}  // namespace partita::broker
