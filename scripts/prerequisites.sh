# Sourced by run.sh and test.sh: installs what a fresh Debian/Ubuntu machine of our kind lacks.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq >/dev/null; apt_updated=1; }
  # Debian's chromium sometimes fails once on a dpkg read error; a second try succeeds.
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null \
    || DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
    echo "The .NET 10 SDK is required (https://dot.net); it is not installable from this script." >&2
    exit 1
  fi
  command -v curl >/dev/null 2>&1 || apt_install curl
  dotnet tool restore >/dev/null
}
