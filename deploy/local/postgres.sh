#!/usr/bin/env bash
# A private PostgreSQL cluster on 127.0.0.1 from the machine's own PostgreSQL (Debian's), for
# FerretDB's PostgreSQL backend in tests and local runs. Nothing system-wide is touched: the
# cluster lives in the run directory, on its own port, owned by an unprivileged user.
#
#   deploy/local/postgres.sh up              initdb on first use, start, wait until it accepts queries
#   deploy/local/postgres.sh down [--wipe]   stop (fast shutdown, SIGKILL after a timeout); --wipe deletes data
#   deploy/local/postgres.sh status          exit 0 when running and answering, 3 when stopped
#   deploy/local/postgres.sh url [DATABASE]  print the connection URL
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to FLW_POSTGRES_USER
# (default: postgres, which Debian's package creates). Only 127.0.0.1 is listened on, with trust
# authentication: a throwaway server for this machine's tests, never a deployment.
set -euo pipefail

FLW_COMPONENT=postgres
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

PG_HOST=127.0.0.1
PG_PORT="${FLW_POSTGRES_PORT:-54329}"
PG_USER="${FLW_POSTGRES_USER:-postgres}"
READY_TIMEOUT="${FLW_POSTGRES_READY_TIMEOUT:-30}"
STOP_TIMEOUT="${FLW_POSTGRES_STOP_TIMEOUT:-20}"
# The databases the project's servers use, created once.
DATABASES=(ferretdb)

RUN="$FLW_INFRA_DIR/postgres"
DATA="$RUN/data"
PIDFILE="$RUN/postgres.pid"
ENDPOINT_FILE="$RUN/listen.addr"
LOGFILE="$RUN/postgres.log"
ADDR="$PG_HOST:$PG_PORT"

usage() { print_usage 11; }

# The newest installed PostgreSQL's programs (Debian keeps them off PATH), found once.
PG_BIN_DIR=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)

# pg_bin NAME: that PostgreSQL's program NAME, or the one on PATH.
pg_bin() {
  if [ -n "$PG_BIN_DIR" ] && [ -x "$PG_BIN_DIR/$1" ]; then
    echo "$PG_BIN_DIR/$1"
    return 0
  fi
  command -v "$1" >/dev/null 2>&1 || die "PostgreSQL's '$1' is not installed." \
    "as root on Debian: apt-get update && apt-get install -y --no-install-recommends postgresql"
  command -v "$1"
}

PID_PATTERN=" -D $DATA"
# A fast shutdown (SIGINT): a smart one (SIGTERM) would wait for FerretDB's pooled connections.
STOP_SIGNAL=INT

# as_owner CMD...: run CMD as the cluster's owner (directly when not root). setpriv execs in
# place, so a daemon started through it keeps the pid its pid file names.
as_owner() {
  local prefix
  read -r -a prefix <<<"$(owner_prefix)"
  "${prefix[@]}" "$@"
}

owner_prefix() {
  [ "$(id -u)" = 0 ] || return 0
  id "$PG_USER" >/dev/null 2>&1 || die "user '$PG_USER' does not exist; PostgreSQL will not run as root." \
    "create it (useradd --system $PG_USER) or set FLW_POSTGRES_USER to an unprivileged user"
  echo "setpriv --reuid=$PG_USER --regid=$(id -g "$PG_USER") --init-groups --"
}

running() { pid_alive "$PIDFILE" "$PID_PATTERN"; }

ready() { as_owner "$(pg_bin pg_isready)" -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres; }

psql_run() { as_owner "$(pg_bin psql)" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

ensure_cluster() {
  [ -s "$DATA/PG_VERSION" ] && return 0
  local start
  start=$(now_us)
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown -R "$PG_USER": "$RUN"
  chmod 700 "$DATA"
  if ! out=$(as_owner "$(pg_bin initdb)" -D "$DATA" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 2>&1); then
    echo "$out" | tail -n 20 >&2
    die "initdb failed (output above)." "a full disk or a foreign directory at $DATA; '$0 down --wipe' starts afresh"
  fi
  # Local only; enough connections for FerretDB's pool and the tests beside it.
  cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$RUN'
max_connections = 200
CONF
  log "cluster: initialised in $(secs_since "$start")s at $DATA (owner $PG_USER)"
}

ensure_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_run -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      psql_run -c "CREATE DATABASE \"$db\""
      log "database $db created"
    fi
  done
}

cmd_up() {
  local total start
  total=$(now_us)
  with_lock "$RUN.lock"
  mkdir -p "$RUN"
  if running; then
    endpoint_in_use PostgreSQL "$ADDR" strict
    wait_server_ready PostgreSQL "$ADDR" queries FLW_POSTGRES_READY_TIMEOUT 0.2 ready
    log "ready on $ADDR (already running, pid $(<"$PIDFILE"), checked in $(secs_since "$total")s)"
    return 0
  fi
  ensure_port_free "$PG_HOST" "$PG_PORT" FLW_POSTGRES_PORT
  ensure_cluster
  start=$(now_us)
  printf '\n=== postgres.sh up %s ===\n' "$(date -u +%FT%TZ)" >>"$LOGFILE"
  local prefix
  read -r -a prefix <<<"$(owner_prefix)"
  start_daemon "$PIDFILE" "$LOGFILE" "$RUN" "${prefix[@]}" "$(pg_bin postgres)" -D "$DATA"
  echo "$ADDR" >"$ENDPOINT_FILE"
  log "started pid $(<"$PIDFILE"), log $LOGFILE; waiting for $ADDR to accept queries..."
  wait_server_ready PostgreSQL "$ADDR" queries FLW_POSTGRES_READY_TIMEOUT 0.2 ready
  ensure_databases
  log "ready on $ADDR: server up in $(secs_since "$start")s, 'up' took $(secs_since "$total")s"
}

cmd_down() {
  down_server "$@" --
}

cmd_status() {
  if running; then
    if ready; then
      log "running: pid $(<"$PIDFILE"), $ADDR, data $DATA, log $LOGFILE"
      return 0
    fi
    log "starting or unhealthy: pid $(<"$PIDFILE") runs but $ADDR does not accept queries (log $LOGFILE)"
    return 1
  fi
  log "stopped (run dir $RUN)"
  return 3
}

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    url) echo "postgres://$PG_USER@$ADDR/${1:-postgres}" ;;
    # For infra.sh: nothing is downloaded or built, so a start is always warm.
    cached) return 0 ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
