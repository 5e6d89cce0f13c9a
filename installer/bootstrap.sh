#!/usr/bin/env bash
# Partita's one-command set-up, for a fresh Debian 12 machine (run as root or with sudo).
#   installer/bootstrap.sh run   install dependencies, build (Release), start the app with a local cluster
#                                (without a display: a headless local cluster that prints its bootstrap servers)
#   installer/bootstrap.sh test  install dependencies, build (Release), run the whole test suite with ctest,
#                                then the sanitizer job: an ASan+UBSan clang build (build-asan) running the
#                                engine unit tests and every libFuzzer target for a bounded time (docs/FUZZING.md).
#                                PARTITA_SKIP_SANITIZERS=1 skips that job for a quick local run (CI never sets it);
#                                PARTITA_FUZZ_SECONDS sets the time per fuzz target (default 20).
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

mode=${1:-}
case "$mode" in
  run|test|build) ;;
  *) echo "usage: $0 run|test|build" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PARTITA_BUILD_DIR:-$root/build}

die() { echo "bootstrap: error: $*" >&2; exit 1; }

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6 qtkeychain-qt6-dev
  libzookeeper-mt-dev zookeeper default-jre-headless
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libisal-dev
  libasio-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libssl-dev openssl
  librdkafka-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev llvm-14
  kcat python3-confluent-kafka python3-kafka iproute2 gdb
  python3-requests python3-avro python3-jsonschema python3-protobuf
  dbus gnome-keyring
  xvfb xauth imagemagick fonts-noto-cjk lintian qt6-translations-l10n
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js for the kafkajs suite: Debian's nodejs and npm unless node and npm are already there (a NodeSource
  # nodejs bundles npm and conflicts with Debian's npm package).
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    for p in nodejs npm; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: all ${#packages[@]} packages already installed"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}) and not root; run as root or install sudo"
    sudo=(sudo)
  fi
  echo "bootstrap: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q || die "apt-get update failed (network or apt sources?)"
  "${sudo[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
}

build() {
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release || die "cmake configure failed"
  fi
  cmake --build "$build_dir" -j "$jobs" || die "build failed (see the compiler output above)"
}

# The sanitizer job: engine + engine unit tests + fuzz targets compiled by clang with ASan and UBSan (any
# report aborts), in their own build directory. Runs the unit tests (not the multi-process integration suites,
# not the UI) and each fuzz target for PARTITA_FUZZ_SECONDS from its seeds; any finding fails the job and
# leaves the crashing input in build-asan/fuzz-artifacts/.
sanitizer_job() {
  local asan_dir=${PARTITA_ASAN_BUILD_DIR:-$root/build-asan}
  local seconds=${PARTITA_FUZZ_SECONDS:-20}
  local jobs started
  jobs=$(nproc 2>/dev/null || echo 2)
  started=$(date +%s)
  echo "bootstrap: sanitizer job (ASan+UBSan, clang-14) in $asan_dir"
  if [ ! -f "$asan_dir/build.ninja" ]; then
    cmake -S "$root" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
      -DPARTITA_BUILD_GUI=OFF -DPARTITA_SANITIZE=ON -DPARTITA_FUZZ=ON || die "cmake configure (sanitizers) failed"
  fi
  cmake --build "$asan_dir" -j "$jobs" --target partita_engine_unit_tests partita_fuzz \
    || die "sanitizer build failed (see the compiler output above)"
  echo "bootstrap: sanitizer build done after $(( $(date +%s) - started )) s"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
  (cd "$asan_dir" && ctest -L engine-unit --output-on-failure -j 2 --timeout 900) \
    || die "engine unit tests failed under ASan/UBSan (ctest summary above)"
  echo "bootstrap: sanitizer unit tests done after $(( $(date +%s) - started )) s"
  local artifacts=$asan_dir/fuzz-artifacts target name corpus
  mkdir -p "$artifacts"
  for target in "$asan_dir"/tests/fuzz/fuzz_*; do
    name=${target##*/fuzz_}
    corpus=$asan_dir/fuzz-corpus/$name
    mkdir -p "$corpus"
    local dirs=("$corpus" "$asan_dir/fuzz-seeds/$name")
    [ -d "$root/tests/fuzz/corpus/$name" ] && dirs+=("$root/tests/fuzz/corpus/$name")
    echo "bootstrap: fuzzing $name for ${seconds} s"
    "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$name-" "${dirs[@]}" > "$artifacts/$name.log" 2>&1 \
      || { tail -n 60 "$artifacts/$name.log"; die "fuzz target $name found a crash (input in $artifacts)"; }
    { grep -E "^#[0-9]+.*DONE" "$artifacts/$name.log" || true; } | tail -n 1
  done
  echo "bootstrap: sanitizer job passed in $(( $(date +%s) - started )) s"
}

install_packages
build

case "$mode" in
  build) ;;
  test)
    cd "$build_dir"
    # --output-on-failure shows what broke; the summary line is ctest's own.
    ctest --output-on-failure -j 2 --timeout 900 || die "tests failed (ctest summary above)"
    if [ "${PARTITA_SKIP_SANITIZERS:-0}" = 1 ]; then
      echo "bootstrap: PARTITA_SKIP_SANITIZERS=1: sanitizer job skipped (CI runs it)"
    else
      sanitizer_job
    fi
    ;;
  run)
    data_dir=${PARTITA_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/partita/clusters/default}
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$build_dir/app/gui/partita" --local-cluster "$data_dir" --brokers 3
    else
      echo "bootstrap: no display; starting a headless local cluster of 3 brokers (Ctrl-C stops it)"
      exec "$build_dir/app/cli/partita-cli" cluster up --brokers 3 --dir "$data_dir"
    fi
    ;;
esac
