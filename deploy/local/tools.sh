#!/usr/bin/env bash
# The outside tools the test suites use besides Kafka and FerretDB, from Debian's packages and PyPI.
#
#   deploy/local/tools.sh ensure         install what is missing (as root), or name the command to run
#   deploy/local/tools.sh status         exit 0 when every tool is there, non-zero otherwise
#   deploy/local/tools.sh schemathesis   install Schemathesis if missing, then print its program's path
#   deploy/local/tools.sh georeport      install the georeport Open311 client if missing, then print its python's path
#                                        (exit 3 when PyPI cannot be reached and it is not installed yet)
#
# nginx is the distributed mode's one base URL (and `nginx -t` checks its configuration); kcat
# reads the topics as an outside client would; PostgreSQL is FerretDB's backend (postgres.sh runs
# a private cluster of it); Chromium runs the web console's browser tests (Playwright cannot
# download a browser here), with a CJK font so its pages and screenshots show Chinese. All are
# Debian packages; the user is root on the build machines, so the test setup installs them itself.
# Schemathesis fuzzes the API from its OpenAPI document (tests/fuzz): a pinned version from PyPI
# in a virtual environment of its own under the cache directory, outside the repository.
# georeport, a maintained Open311 (GeoReport v2) client library, drives the Open311 endpoint in
# tests/e2e/open311-georeport.e2e.spec.ts: likewise pinned, in a virtual environment of its own.
set -euo pipefail

FLW_COMPONENT=tools
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

# each tool (a program, or the font) → its Debian package. nginx lives in /usr/sbin, which a user's PATH may leave out.
declare -A PACKAGE_OF=([nginx]=nginx-light [kcat]=kcat [postgres]=postgresql [chromium]=chromium [cjk-font]=fonts-wqy-microhei)
# Where each may be: shell patterns, looked up at each check.
declare -A PATHS_OF=([nginx]="/usr/sbin/nginx /usr/bin/nginx /usr/local/sbin/nginx" [kcat]="/usr/bin/kcat /usr/local/bin/kcat" [postgres]="/usr/lib/postgresql/*/bin/postgres" [chromium]="/usr/bin/chromium" [cjk-font]="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# What is a file to read rather than a program to run.
declare -A DATA_FILE=([cjk-font]=1)

usage() { print_usage 8; }

present() {
  local pattern path
  for pattern in ${PATHS_OF[$1]}; do
    for path in $pattern; do
      if [ -n "${DATA_FILE[$1]:-}" ]; then [ -f "$path" ] && return 0; else [ -x "$path" ] && return 0; fi
    done
  done
  return 1
}

missing_packages() {
  local tool
  for tool in "${!PACKAGE_OF[@]}"; do present "$tool" || echo "${PACKAGE_OF[$tool]}"; done | sort
}

# The current stable line, pinned so that a new release's checks cannot fail a run on their own;
# it needs Python 3.11 or newer. A new version installs beside the old one (its own directory).
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV="$FLW_CACHE_DIR/schemathesis-$SCHEMATHESIS_VERSION"
SCHEMATHESIS_BIN="$SCHEMATHESIS_VENV/bin/schemathesis"

# Written last, so a virtual environment whose install was interrupted counts as missing.
schemathesis_present() { [ -f "$SCHEMATHESIS_VENV/.installed" ] && [ -x "$SCHEMATHESIS_BIN" ]; }

ensure_schemathesis() {
  local start
  schemathesis_present && return 0
  # Two test runs at once must not both build the environment (fd 8: the cache directory's lock).
  with_lock "$FLW_CACHE_DIR/schemathesis.lock" 8
  schemathesis_present && return 0
  require_tool python3 "Schemathesis (the API fuzzer of tests/fuzz) needs Python 3.11 or newer: apt-get install python3"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "Schemathesis $SCHEMATHESIS_VERSION needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)." "install a newer python3 (Debian 12's is 3.11) and run again: deploy/local/tools.sh ensure"
  ensure_venv_support
  start=$(now_us)
  log "installing Schemathesis $SCHEMATHESIS_VERSION from PyPI into $SCHEMATHESIS_VENV (pip, once)..."
  if ! pip_into_venv "$SCHEMATHESIS_VENV" "schemathesis==$SCHEMATHESIS_VERSION"; then
    die "pip could not install schemathesis==$SCHEMATHESIS_VERSION from PyPI." "check that PyPI answers (pip config list shows pip's index settings), then run again: deploy/local/tools.sh ensure"
  fi
  "$SCHEMATHESIS_BIN" --version >/dev/null || die "the installed Schemathesis does not run: $SCHEMATHESIS_BIN --version" "remove $SCHEMATHESIS_VENV and run again: deploy/local/tools.sh ensure"
  touch "$SCHEMATHESIS_VENV/.installed"
  log "Schemathesis $SCHEMATHESIS_VERSION installed in $(secs_since "$start")s"
}

# A fresh virtual environment at $1 holding the pip requirement $2; fails (the environment removed) when pip could not install it.
pip_into_venv() {
  local venv=$1 requirement=$2
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv $venv failed." "check that $FLW_CACHE_DIR is writable, or set FLW_CACHE_DIR"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$requirement" && return 0
  rm -rf "$venv"
  return 1
}

# python3 can make a virtual environment: Debian splits venv's pip bootstrap into a package of its own.
ensure_venv_support() {
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "python3 cannot make a virtual environment (no venv/ensurepip), which the Python tools are installed into." "as root on Debian: apt-get install -y python3-venv"
  fi
  log "installing python3-venv from Debian's packages (apt-get, once)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
}

# georeport 0.3.1 (2025-07): GET services, a service's definition and requests, in JSON and XML
# (it has no POST; the test posts with requests, its own dependency). Pinned like Schemathesis.
GEOREPORT_VERSION=0.3.1
GEOREPORT_VENV="$FLW_CACHE_DIR/georeport-$GEOREPORT_VERSION"
GEOREPORT_PYTHON="$GEOREPORT_VENV/bin/python"

georeport_present() { [ -f "$GEOREPORT_VENV/.installed" ] && [ -x "$GEOREPORT_PYTHON" ]; }

ensure_georeport() {
  local start
  georeport_present && return 0
  with_lock "$FLW_CACHE_DIR/georeport.lock" 8
  georeport_present && return 0
  require_tool python3 "the Open311 client test needs python3: apt-get install python3"
  ensure_venv_support
  start=$(now_us)
  log "installing georeport $GEOREPORT_VERSION from PyPI into $GEOREPORT_VENV (pip, once)..."
  if ! pip_into_venv "$GEOREPORT_VENV" "georeport==$GEOREPORT_VERSION"; then
    # 3: the one failure a test may take as "cannot be had here" rather than as broken.
    log "pip could not install georeport==$GEOREPORT_VERSION: PyPI cannot be reached from here (pip config list shows pip's index settings)"
    exit 3
  fi
  "$GEOREPORT_PYTHON" -c 'import georeport' || die "the installed georeport does not import: $GEOREPORT_PYTHON -c 'import georeport'" "remove $GEOREPORT_VENV and run again: deploy/local/tools.sh georeport"
  touch "$GEOREPORT_VENV/.installed"
  log "georeport $GEOREPORT_VERSION installed in $(secs_since "$start")s"
}

# The Open311 client test asks for the interpreter here: the version and place are decided in this file only.
cmd_georeport() {
  ensure_georeport >&2
  echo "$GEOREPORT_PYTHON"
}

cmd_status() {
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  schemathesis_present || missing+="schemathesis==$SCHEMATHESIS_VERSION (PyPI) "
  if [ -n "${missing// /}" ]; then
    log "missing: $missing"
    return 1
  fi
  log "nginx, kcat, PostgreSQL, Chromium, a CJK font and Schemathesis $SCHEMATHESIS_VERSION are installed"
}

# The fuzzing suites ask for the program here: the version and place are decided in this file only.
cmd_schemathesis() {
  ensure_schemathesis >&2
  echo "$SCHEMATHESIS_BIN"
}

cmd_ensure() {
  ensure_packages
  ensure_schemathesis
}

ensure_packages() {
  local missing start
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "the tests need ${missing[*]}, which are not installed." \
      "as root on Debian: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  start=$(now_us)
  log "installing ${missing[*]} from Debian's packages (apt-get, once)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the nginx and PostgreSQL services on install; only the project's own servers
  # (the suites' nginx processes, postgres.sh's private cluster) are wanted.
  if command -v service >/dev/null 2>&1; then
    [[ " ${missing[*]} " != *" nginx-light "* ]] || service nginx stop >/dev/null 2>&1 || true
    [[ " ${missing[*]} " != *" postgresql "* ]] || service postgresql stop >/dev/null 2>&1 || true
  fi
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] || die "apt-get ran, but ${missing[*]} is still missing." "look at: apt-cache policy ${missing[*]}"
  log "installed in $(secs_since "$start")s"
}

main() {
  case "${1:-}" in
    ensure) cmd_ensure ;;
    status) cmd_status ;;
    schemathesis) cmd_schemathesis ;;
    georeport) cmd_georeport ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
