#!/usr/bin/env bash
# Builds the three .debs with cpack, checks that each holds what a user needs and that lintian finds no error
# or warning, installs them with dpkg into a private root (no change to the machine), runs the installed
# binaries, then purges them and checks that nothing is left behind — an admin's enabled unit and the
# broker's data included. Fails with the missing file or the failing step.
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack"
(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
declare -A deb
for package in partita partita-broker partita-tools; do
  deb[$package]=$(ls "$work"/out/"${package}"_*.deb 2>/dev/null | head -n1)
  [ -n "${deb[$package]}" ] || fail "cpack made no ${package}_*.deb"
  echo "package: $(basename "${deb[$package]}") ($(du -h "${deb[$package]}" | cut -f1))"
done

# expect_files PACKAGE PATH...: the package holds every PATH.
expect_files() {
  local package=$1; shift
  dpkg-deb -c "${deb[$package]}" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents.$package"
  for path in "$@"; do
    grep -qx "$path" "$work/contents.$package" || fail "$package lacks $path"
  done
  echo "  $package: $# expected files present"
}
echo "== contents (dpkg-deb -c)"
expect_files partita /usr/bin/partita /usr/share/applications/partita.desktop \
  /usr/share/metainfo/io.github.partita.Partita.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/partita.svg /usr/share/icons/hicolor/48x48/apps/partita.png \
  /usr/share/icons/hicolor/256x256/apps/partita.png /usr/share/man/man1/partita.1.gz \
  /usr/share/doc/partita/copyright /usr/share/doc/partita/changelog.gz
expect_files partita-broker /usr/bin/partita-broker /etc/partita/server.properties \
  /usr/lib/systemd/system/partita-broker.service /usr/share/man/man1/partita-broker.1.gz \
  /usr/share/doc/partita-broker/copyright /usr/share/doc/partita-broker/changelog.gz
expect_files partita-tools /usr/bin/partita-cli /usr/bin/partita-perf /usr/share/man/man1/partita-cli.1.gz \
  /usr/share/man/man1/partita-perf.1.gz /usr/share/doc/partita-tools/copyright
! grep -q '^/usr/bin/partita$' "$work/contents.partita-broker" || fail "partita-broker ships the desktop app"

echo "== control"
for package in partita partita-broker partita-tools; do
  dpkg-deb -f "${deb[$package]}" Package Version Maintainer Depends | sed 's/^/  /'
done
dpkg-deb -f "${deb[partita]}" Depends | grep -q zookeeper || fail "partita (local clusters) does not depend on zookeeper"
# A broker-only host installs what the daemon links, not Qt nor a JRE.
if dpkg-deb -f "${deb[partita-broker]}" Depends | grep -Eq '(^|, )(libqt6|default-jre|zookeeper)'; then
  fail "partita-broker depends on more than it links: $(dpkg-deb -f "${deb[partita-broker]}" Depends)"
fi
dpkg-deb -f "${deb[partita-broker]}" Recommends | grep -q zookeeperd || fail "partita-broker does not recommend zookeeperd"
dpkg-deb -e "${deb[partita-broker]}" "$work/control"
grep -qx /etc/partita/server.properties "$work/control/conffiles" || fail "server.properties is not a conffile"
# The service is installed, never enabled or started by the package.
! grep -Eq 'systemctl (enable|start)|deb-systemd-helper enable' "$work/control"/p*inst || fail "a maintainer script enables the service"

echo "== lintian (errors and warnings fail)"
command -v lintian >/dev/null || fail "lintian is not installed (installer/bootstrap.sh installs it)"
lintian --fail-on error,warning --tag-display-limit 0 "${deb[@]}" 2>&1 | grep -v 'running with root privileges' \
  || true
lintian --fail-on error,warning --tag-display-limit 0 "${deb[@]}" >/dev/null 2>&1 || fail "lintian reports errors or warnings"
echo "  lintian clean"

echo "== man pages name every partita-cli command"
for command in $(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' <("$build_dir/app/cli/partita-cli" --help)); do
  grep -q "^\.B ${command//-/\\\\-}" "$source_dir/installer/man/partita-cli.1" || fail "partita-cli.1 lacks the $command command"
done
echo "  partita-cli.1 is complete"

echo "== install with dpkg into a private root"
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
(cd "$root" && find . | sort) >"$work/before"
dpkg_root() {
  # --force-depends: the private root has no other packages; the machine's own libraries run the binaries.
  # --force-script-chrootless: maintainer scripts run here with DPKG_ROOT set, which they honour.
  dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null "$@"
}
dpkg_root -i "${deb[@]}" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
for package in partita partita-broker partita-tools; do
  dpkg --root="$root" --force-not-root -s "$package" | grep -q '^Status: install ok installed' \
    || fail "dpkg does not list $package as installed"
done

echo "== run the installed binaries"
version=$("$root/usr/bin/partita-cli" --version) || fail "installed partita-cli --version failed"
echo "  $version"
[[ "$version" == partita-cli\ * ]] || fail "unexpected partita-cli --version output: $version"
"$root/usr/bin/partita-broker" --version | grep -q '^partita-broker ' || fail "installed partita-broker --version failed"
"$root/usr/bin/partita" --version | grep -q 'artita' || fail "installed partita --version failed"
"$root/usr/bin/partita-perf" --help 2>&1 | grep -q 'partita-perf produce' || fail "installed partita-perf --help failed"
grep -q '^ExecStart=/usr/bin/partita-broker /etc/partita/server.properties' \
  "$root/usr/lib/systemd/system/partita-broker.service" || fail "unit does not start partita-broker with the config"
# Without authentication configured, the packaged configuration listens on loopback only (issue 9).
grep -qx 'listeners=PLAINTEXT://127.0.0.1:9092' "$root/etc/partita/server.properties" \
  || fail "packaged server.properties does not bind loopback: $(grep '^listeners' "$root/etc/partita/server.properties")"
[ ! -e "$root/etc/systemd/system/multi-user.target.wants/partita-broker.service" ] || fail "the package enabled the unit"

echo "== purge leaves nothing behind"
# What an admin does after installing: enable the unit (the symlink systemctl enable makes) and run the broker
# (its data in the unit's state directory).
mkdir -p "$root/etc/systemd/system/multi-user.target.wants" "$root/var/lib/private/partita/data"
ln -s /usr/lib/systemd/system/partita-broker.service \
  "$root/etc/systemd/system/multi-user.target.wants/partita-broker.service"
echo 0 >"$root/var/lib/private/partita/data/recovery-point-offset-checkpoint"
ln -s private/partita "$root/var/lib/partita"
dpkg_root --purge partita partita-tools partita-broker >"$work/purge.log" 2>&1 \
  || { cat "$work/purge.log"; fail "dpkg --purge failed"; }
# dpkg's own bookkeeping may change; everything else must be as before the install.
(cd "$root" && find . | sort | grep -v '^\./var/lib/dpkg/' ) >"$work/after"
grep -v '^\./var/lib/dpkg/' "$work/before" >"$work/before.filtered"
# Directories the admin's steps created above are the admin's; the files in them must be gone.
leftovers=$(comm -13 "$work/before.filtered" "$work/after" |
            grep -Ev '^\./(etc/systemd/system(/multi-user\.target\.wants)?|etc/systemd|etc|var/lib/private|var/lib/systemd.*|var/lib|var)$' || true)
[ -z "$leftovers" ] || { cat "$work/purge.log"; fail "purge left behind: $leftovers"; }
[ ! -e "$root/etc/systemd/system/multi-user.target.wants/partita-broker.service" ] \
  || fail "purge left the enabled unit's symlink"
echo "  nothing left"
echo "PASS"
