# Sanitizer and fuzzing builds (see docs/FUZZING.md). Both are meant for their own build directory
# (build-asan) configured with clang:
#   cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
#         -DPARTITA_BUILD_GUI=OFF -DPARTITA_SANITIZE=ON -DPARTITA_FUZZ=ON
# PARTITA_SANITIZE: everything (engine, tests, mains) is compiled and linked with ASan + UBSan; any UBSan
#   report aborts the process (-fno-sanitize-recover), so a test that triggers one fails.
# PARTITA_FUZZ: additionally compiles everything with libFuzzer's coverage instrumentation
#   (-fsanitize=fuzzer-no-link) and adds the libFuzzer targets of tests/fuzz, linked with -fsanitize=fuzzer.
#   The unit tests still link normally: the sanitizer runtime provides the coverage callbacks.
option(PARTITA_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(PARTITA_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only; implies PARTITA_SANITIZE)" OFF)

if(PARTITA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PARTITA_FUZZ needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  set(PARTITA_SANITIZE ON CACHE BOOL "" FORCE)
endif()

if(PARTITA_SANITIZE)
  # -O1 keeps the instrumented code fast enough for the tests and fuzzers while stack traces stay exact.
  set(partita_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined)
  add_compile_options(${partita_sanitize_flags} -fno-omit-frame-pointer -O1 -g)
  add_link_options(${partita_sanitize_flags})
  if(PARTITA_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
