#!/usr/bin/env bash
# The outside tools the test suites use besides Kafka and FerretDB, from Debian's packages.
#
#   deploy/local/tools.sh ensure    install what is missing (as root), or name the command to run
#   deploy/local/tools.sh status    exit 0 when every tool is there, non-zero otherwise
#
# nginx is the distributed mode's one base URL (and `nginx -t` checks its configuration); kcat
# reads the topics as an outside client would; PostgreSQL is FerretDB's backend (postgres.sh runs
# a private cluster of it); Chromium runs the web console's browser tests (Playwright cannot
# download a browser here), with a CJK font so its pages and screenshots show Chinese. All are
# Debian packages; the user is root on the build machines, so the test setup installs them itself.
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

usage() { print_usage 5; }

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

cmd_status() {
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  if [ -n "${missing// /}" ]; then
    log "missing: $missing"
    return 1
  fi
  log "nginx, kcat, PostgreSQL, Chromium and a CJK font are installed"
}

cmd_ensure() {
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
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
