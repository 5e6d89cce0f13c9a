#!/usr/bin/env bash
# Partita's one-command set-up, for a fresh Debian 12 machine (run as root or with sudo).
#   installer/bootstrap.sh run   install dependencies, build (Release), start the app with a local cluster
#                                (without a display: a headless local cluster that prints its bootstrap servers)
#   installer/bootstrap.sh test  install dependencies, build (Release), run the whole test suite with ctest
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
  libqcustomplot-dev libqcustomplot2.1-qt6
  libzookeeper-mt-dev zookeeper default-jre-headless
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libisal-dev
  libasio-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  librdkafka-dev libbenchmark-dev
  kcat python3-confluent-kafka python3-kafka iproute2
  xvfb xauth imagemagick fonts-noto-cjk
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
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

install_packages
build

case "$mode" in
  build) ;;
  test)
    cd "$build_dir"
    # --output-on-failure shows what broke; the summary line is ctest's own.
    ctest --output-on-failure -j 2 --timeout 900 || die "tests failed (ctest summary above)"
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
