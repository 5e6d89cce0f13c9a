# Generated protocol messages (docs/ARCHITECTURE.md, "Message schemas"): every engine/protocol/schemas/*.msg
# becomes <build>/generated/engine/protocol/messages/<name>.h/.cc (and <name>_samples.h for tests), written by tools/protogen/protogen.py at
# build time. Nothing generated is committed. The generated directory is on the include path after the
# source tree, so `#include "engine/protocol/messages/<name>.h"` finds the generated header.
#
# partita_protocol_messages(<out_var>) sets <out_var> to the generated .cc files. The first call (in
# engine/) defines the build rules and the custom target partita_protocol_messages; a target in another
# directory that compiles the same sources (the fuzz engine) calls it again and adds a dependency on that
# target (CMP0118: generated files are visible in every directory).
find_program(PARTITA_PYTHON3 NAMES python3 HINTS /usr/bin NO_DEFAULT_PATH)
if(NOT PARTITA_PYTHON3)
  find_program(PARTITA_PYTHON3 NAMES python3 REQUIRED)
endif()

set(PARTITA_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
set(PARTITA_PROTOGEN ${PROJECT_SOURCE_DIR}/tools/protogen/protogen.py)
file(GLOB PARTITA_MESSAGE_SCHEMAS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/engine/protocol/schemas/*.msg)

function(partita_protocol_messages out_var)
  get_property(known GLOBAL PROPERTY PARTITA_GENERATED_MESSAGE_SOURCES SET)
  if(known)
    get_property(sources GLOBAL PROPERTY PARTITA_GENERATED_MESSAGE_SOURCES)
    set(${out_var} ${sources} PARENT_SCOPE)
    return()
  endif()
  set(out_dir ${PARTITA_GENERATED_DIR}/engine/protocol/messages)
  set(sources)
  set(headers)
  foreach(schema IN LISTS PARTITA_MESSAGE_SCHEMAS)
    get_filename_component(name ${schema} NAME_WE)
    add_custom_command(
      OUTPUT ${out_dir}/${name}.h ${out_dir}/${name}.cc ${out_dir}/${name}_samples.h
      COMMAND ${PARTITA_PYTHON3} ${PARTITA_PROTOGEN} ${schema} ${out_dir} engine/protocol/messages
      DEPENDS ${schema} ${PARTITA_PROTOGEN}
      COMMENT "protogen ${name}.msg"
      VERBATIM)
    list(APPEND sources ${out_dir}/${name}.cc)
    list(APPEND headers ${out_dir}/${name}.h ${out_dir}/${name}_samples.h)
  endforeach()
  # all_messages.h (ForEachApi over every declared API) and all_samples.h, for tests and fuzz targets.
  add_custom_command(
    OUTPUT ${out_dir}/all_messages.h ${out_dir}/all_samples.h
    COMMAND ${PARTITA_PYTHON3} ${PARTITA_PROTOGEN} --all ${out_dir} engine/protocol/messages ${PARTITA_MESSAGE_SCHEMAS}
    DEPENDS ${PARTITA_MESSAGE_SCHEMAS} ${PARTITA_PROTOGEN}
    COMMENT "protogen all_messages.h"
    VERBATIM)
  list(APPEND headers ${out_dir}/all_messages.h ${out_dir}/all_samples.h)
  add_custom_target(partita_protocol_messages DEPENDS ${sources} ${headers})
  set_property(GLOBAL PROPERTY PARTITA_GENERATED_MESSAGE_SOURCES ${sources})
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()
