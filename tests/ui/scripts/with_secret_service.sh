#!/bin/sh
# Runs a test program ("$@") against a real Secret Service: its own D-Bus session (dbus-run-session) with
# gnome-keyring-daemon's secrets component started and unlocked in a throwaway HOME, so the test never sees
# nor touches the user's keyring. Missing tools fail loudly: a keychain test must not pass without a keychain.
set -eu
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "FAIL: $tool not found: install the dbus and gnome-keyring packages (installer/bootstrap.sh lists them)" >&2
    exit 1
  }
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT INT TERM
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache"
unset XDG_RUNTIME_DIR GNOME_KEYRING_CONTROL
# The login keyring is created with this throwaway password and stays unlocked for the session.
status=0
dbus-run-session -- sh -c '
  printf "partita-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
    echo "FAIL: gnome-keyring-daemon could not start a Secret Service on the test D-Bus session" >&2; exit 1; }
  exec "$@"' sh "$@" || status=$?
exit $status
