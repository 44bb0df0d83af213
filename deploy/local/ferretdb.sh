#!/usr/bin/env bash
# FerretDB (MongoDB wire protocol) on 127.0.0.1, for tests and local runs on machines without
# Docker, on its PostgreSQL backend (a private cluster started by postgres.sh beside this script)
# or, with FLW_FERRETDB_BACKEND=sqlite, on its SQLite backend, which scans a collection on every
# update (14-60 ms each at 2,000 documents, against about 3 ms on PostgreSQL).
#
#   deploy/local/ferretdb.sh up              build once if needed, start, wait for a real ping
#   deploy/local/ferretdb.sh down [--wipe]   stop (SIGTERM, SIGKILL after a timeout); --wipe deletes data
#   deploy/local/ferretdb.sh status          exit 0 when running and answering ping, 3 when stopped
#   deploy/local/ferretdb.sh ping            ping it over the MongoDB wire protocol
#
# How it is built (once per version, into the cache): a plain `go install` of
# github.com/FerretDB/FerretDB/cmd/ferretdb builds a binary that panics at start, because the
# module zip lacks the generated build/version/version.txt that the real command requires. So
# the module's source is taken from Go's module cache (`go mod download`), copied, given that
# file, and its real command is built. That keeps FerretDB's own command line (--handler,
# --sqlite-url, --state-dir, --telemetry, the /debug/livez and /debug/readyz handlers), which
# an embedding wrapper around the `ferretdb` package would have to re-create. The readiness
# probe (mongo-ping/main.go beside this script) is built in the same tree, against the
# mongo-go-driver FerretDB pins. See lib.sh for the cache and run directories.
set -euo pipefail

FLW_COMPONENT=ferretdb
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

FERRETDB_VERSION="${FLW_FERRETDB_VERSION:-v1.24.2}"
FERRETDB_MODULE=github.com/FerretDB/FerretDB
FERRETDB_HOST=127.0.0.1
FERRETDB_PORT="${FLW_FERRETDB_PORT:-27017}"
# FerretDB's HTTP debug handlers (metrics, /debug/livez, /debug/readyz); "-" disables them.
DEBUG_PORT="${FLW_FERRETDB_DEBUG_PORT:-8088}"
READY_TIMEOUT="${FLW_FERRETDB_READY_TIMEOUT:-30}"
BACKEND="${FLW_FERRETDB_BACKEND:-postgresql}"
STOP_TIMEOUT="${FLW_FERRETDB_STOP_TIMEOUT:-15}"
# FerretDB v1.24's go.mod says `go 1.24`.
GO_MIN_MINOR=24

CACHE="$FLW_CACHE_DIR/ferretdb/$FERRETDB_VERSION"
BIN="$CACHE/bin/ferretdb"
PING_BIN="$CACHE/bin/mongo-ping"
PING_SRC="$here/mongo-ping/main.go"
STAMP="$CACHE/bin/.stamp"
RUN="$FLW_INFRA_DIR/ferretdb"
DATA="$RUN/data"
PIDFILE="$RUN/ferretdb.pid"
ENDPOINT_FILE="$RUN/listen.addr"
BACKEND_FILE="$RUN/backend"
LOGFILE="$RUN/ferretdb.log"
ADDR="$FERRETDB_HOST:$FERRETDB_PORT"
URI="mongodb://$ADDR/"
PID_PATTERN="$BIN "

usage() { print_usage 11; }

# The stamp ties the cached binaries to the FerretDB version and to the probe's source, so
# editing mongo-ping/main.go rebuilds (quickly, from Go's build cache).
expected_stamp() {
  echo "$FERRETDB_VERSION $(sha256sum "$PING_SRC" | cut -d' ' -f1)"
}

binaries_cached() {
  [ -x "$BIN" ] && [ -x "$PING_BIN" ] && [ -f "$STAMP" ] && [ "$(<"$STAMP")" = "$(expected_stamp)" ]
}

require_go() {
  require_tool go "install Go 1.$GO_MIN_MINOR or newer (https://go.dev/dl) and put its bin directory on PATH; it is needed once, to build FerretDB $FERRETDB_VERSION"
  local v minor
  v=$(go env GOVERSION 2>/dev/null || true)
  minor=$(echo "$v" | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
  if [ -z "$minor" ] || ((minor < GO_MIN_MINOR)); then
    die "go is '${v:-unknown}'; building FerretDB $FERRETDB_VERSION needs Go 1.$GO_MIN_MINOR or newer." \
      "install a newer Go (https://go.dev/dl) and put it first on PATH"
  fi
}

# module_dir: where `go mod download` unpacked the FerretDB module (read-only).
module_dir() {
  local json dir
  if ! json=$(go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" 2>&1); then
    echo "$json" >&2
    die "go could not download $FERRETDB_MODULE@$FERRETDB_VERSION." \
      "check that the Go module proxy is reachable (go env GOPROXY) and that the version exists (FLW_FERRETDB_VERSION)"
  fi
  dir=$(echo "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    die "could not find the downloaded module's directory in: $json" "retry; if it persists, run 'go clean -modcache'"
  fi
  echo "$dir"
}

ensure_binaries() {
  if binaries_cached; then
    log "binary: cached $BIN"
    return 0
  fi
  # Run dirs are locked separately; two of them may share this cache.
  with_lock "$CACHE.lock" 8
  if binaries_cached; then
    log "binary: cached $BIN (built meanwhile by another run)"
    return 0
  fi
  require_go
  local start src out mod
  start=$(now_us)
  mkdir -p "$CACHE/bin"
  log "binary: building FerretDB $FERRETDB_VERSION with $(go env GOVERSION) (a few minutes the first time)..."
  src=$(mktemp -d "$CACHE/src.XXXXXX")
  # shellcheck disable=SC2064 # expand $src now: it is local
  trap "rm -rf '$src'" EXIT
  # A separate assignment, so a failed download stops the script (set -e) instead of
  # leaving an empty path to copy from.
  mod=$(module_dir)
  cp -R "$mod/." "$src/"
  chmod -R u+w "$src" # the module cache is read-only
  # What FerretDB's `bin/task gen-version` would write from `git describe`.
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  mkdir -p "$src/cmd/flw-mongo-ping"
  cp "$PING_SRC" "$src/cmd/flw-mongo-ping/main.go"
  # GOTOOLCHAIN=local: never try to download another Go. -buildvcs=false: a git checkout
  # around the cache would otherwise stamp a commit that FerretDB compares with commit.txt
  # and panics on. CGO off: the SQLite backend is pure Go, so no C compiler is needed.
  if ! out=$(cd "$src" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    go build -trimpath -o "$src/out/ferretdb" ./cmd/ferretdb 2>&1 &&
    GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
      go build -trimpath -o "$src/out/mongo-ping" ./cmd/flw-mongo-ping 2>&1); then
    echo "$out" | tail -n 30 >&2
    die "building FerretDB $FERRETDB_VERSION failed (output above)." \
      "dependencies come from the Go module proxy: check 'go env GOPROXY' is reachable; a full disk or an old Go are other causes"
  fi
  mv -f "$src/out/ferretdb" "$BIN"
  mv -f "$src/out/mongo-ping" "$PING_BIN"
  expected_stamp >"$STAMP"
  rm -rf "$src"
  trap - EXIT
  log "binary: built in $(secs_since "$start")s: $BIN ($("$BIN" --version 2>/dev/null | sed -n 's/^version: //p'))"
}

running() { pid_alive "$PIDFILE" "$PID_PATTERN"; }

# use_running_endpoint [strict]: probe the address the running FerretDB was started with.
use_running_endpoint() {
  endpoint_in_use FerretDB "$ADDR" "${1:-}"
  ADDR=$IN_USE
  FERRETDB_PORT=${IN_USE##*:}
  URI="mongodb://$ADDR/"
}

ping_ok() { "$PING_BIN" -uri "$URI" -timeout "${1:-2s}"; }

# wait_ready: poll until the port accepts connections and FerretDB answers a ping.
wait_ready() {
  wait_server_ready FerretDB "$ADDR" ping FLW_FERRETDB_READY_TIMEOUT 0.2 quiet_ping
}

quiet_ping() { ping_ok 2s >/dev/null 2>&1; }

cmd_up() {
  local total start debug_addr=-
  total=$(now_us)
  with_lock "$RUN.lock"
  mkdir -p "$RUN"
  case $BACKEND in
    postgresql | sqlite) ;;
    *) die "FLW_FERRETDB_BACKEND is '$BACKEND'; it must be postgresql or sqlite." ;;
  esac
  # The backend first: FerretDB on PostgreSQL needs it answering (it is quick when it already runs).
  if [ "$BACKEND" = postgresql ]; then "$here/postgres.sh" up; fi
  if running; then
    binaries_cached || die "FerretDB runs (pid $(<"$PIDFILE")) but its cached build changed or is gone." "run '$0 down' and '$0 up' again"
    if [ -s "$BACKEND_FILE" ] && [ "$(<"$BACKEND_FILE")" != "$BACKEND" ]; then
      die "FerretDB runs on its $(<"$BACKEND_FILE") backend, not on $BACKEND as asked." "'$0 down' first, then 'up' again to switch"
    fi
    use_running_endpoint strict
    wait_ready
    log "ready on $URI (already running, pid $(<"$PIDFILE"), checked in $(secs_since "$total")s)"
    return 0
  fi
  ensure_binaries
  ensure_port_free "$FERRETDB_HOST" "$FERRETDB_PORT" FLW_FERRETDB_PORT
  if [ "$DEBUG_PORT" != - ]; then
    ensure_port_free "$FERRETDB_HOST" "$DEBUG_PORT" FLW_FERRETDB_DEBUG_PORT
    debug_addr="$FERRETDB_HOST:$DEBUG_PORT"
  fi
  mkdir -p "$DATA"
  start=$(now_us)
  printf '\n=== ferretdb.sh up %s ===\n' "$(date -u +%FT%TZ)" >>"$LOGFILE"
  # Runs in $RUN, so the relative SQLite URI (a directory, hence the trailing slash) and the
  # state file stay there, and a run dir path with spaces needs no URI escaping.
  # Telemetry off: these machines have no internet and tests should not phone home.
  local backend_args=(--handler=sqlite --sqlite-url=file:data/)
  if [ "$BACKEND" = postgresql ]; then backend_args=(--handler=postgresql --postgresql-url="$("$here/postgres.sh" url ferretdb)"); fi
  start_daemon "$PIDFILE" "$LOGFILE" "$RUN" \
    "$BIN" "${backend_args[@]}" --state-dir=. \
    --listen-addr="$ADDR" --debug-addr="$debug_addr" \
    --telemetry=disable --log-level=info
  echo "$ADDR" >"$ENDPOINT_FILE"
  echo "$BACKEND" >"$BACKEND_FILE"
  log "started pid $(<"$PIDFILE"), log $LOGFILE; waiting for ping on $URI..."
  wait_ready
  log "ready on $URI ($BACKEND backend): $(ping_ok 2s 2>&1 | sed 's/^ok: //'); server up in $(secs_since "$start")s, 'up' took $(secs_since "$total")s"
}

cmd_down() {
  down_server "$@" -- "$RUN/state.json" "$BACKEND_FILE"
}

cmd_status() {
  if running; then
    use_running_endpoint
    if binaries_cached && ping_ok 2s >/dev/null 2>&1; then
      log "running: pid $(<"$PIDFILE"), $URI, $(cat "$BACKEND_FILE" 2>/dev/null || echo sqlite) backend, log $LOGFILE"
      return 0
    fi
    log "starting or unhealthy: pid $(<"$PIDFILE") runs but $URI does not answer ping (log $LOGFILE)"
    return 1
  fi
  log "stopped (binary $(binaries_cached && echo cached at "$BIN" || echo "not built yet"); run dir $RUN)"
  return 3
}

cmd_ping() {
  binaries_cached || die "the FerretDB build (with its ping probe) is not in the cache yet." "run '$0 up' first"
  if running; then use_running_endpoint; fi
  ping_ok 3s
}

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    ping) cmd_ping "$@" ;;
    # For infra.sh: exit 0 when the cache is filled (a warm start), 1 when `up` must fetch/build.
    cached) binaries_cached ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
