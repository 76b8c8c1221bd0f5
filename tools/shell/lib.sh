# The one shell library: every script in this repository sources it first.
#   source "$(dirname "${BASH_SOURCE[0]}")/<relative path>/tools/shell/lib.sh"
# Gives: ROOT_DIR, TODO_CACHE, say/ok/fail (one style: ' • ' progress, ' ✓ ' done, ' ✗ ' error,
# all on stderr so stdout stays for results), need_root, ensure_debs and cached_tool.
# shellcheck shell=bash

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Tools and images built or unpacked once per version live here, outside any clone.
TODO_CACHE="${TODO_CACHE_DIR:-$HOME/.cache/todo}"

say() { printf ' • %s\n' "$*" >&2; }
ok() { printf ' ✓ %s\n' "$*" >&2; }
fail() {
  printf ' ✗ %s\n' "$*" >&2
  exit 1
}

# need_root WHY: stops unless running as root, saying why root is needed.
need_root() {
  [ "$(id -u)" = 0 ] || fail "${0##*/} needs root: $*"
}

# ensure_debs PACKAGE...: installs the Debian packages that are missing (apt-get update once).
ensure_debs() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "it installs the Debian packages ${missing[*]}"
  say "Installing ${missing[*]} from Debian"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]} failed"
}

# cached_tool NAME VERSION FILE INSTALL_FUNCTION: prints the path of FILE in NAME's cache
# directory for VERSION. When FILE is missing, INSTALL_FUNCTION runs with the scratch directory
# as its argument and must leave FILE in it; the directory is then renamed into place, so a
# half-finished install never counts.
cached_tool() {
  local name=$1 version=$2 file=$3 install=$4
  local dir="$TODO_CACHE/$name/$version"
  if [ ! -e "$dir/$file" ]; then
    local scratch="$dir.partial.$$"
    rm -rf "$scratch" && mkdir -p "$scratch"
    "$install" "$scratch" || {
      rm -rf "$scratch"
      fail "installing $name $version failed"
    }
    [ -e "$scratch/$file" ] || {
      rm -rf "$scratch"
      fail "installing $name $version left no $file"
    }
    rm -rf "$dir" && mv "$scratch" "$dir"
  fi
  echo "$dir/$file"
}
