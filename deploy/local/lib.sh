# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Sourced, never run on its own.
#
# Everything these scripts write lives outside the repository, so a fresh clone stays clean:
#   FLW_CACHE_DIR  downloaded jars and built binaries, reused across runs
#                  (default ${XDG_CACHE_HOME:-$HOME/.cache}/four-level-whistle)
#   FLW_INFRA_DIR  data, logs, pid files and generated configs of the running servers
#                  (default ${TMPDIR:-/tmp}/four-level-whistle-infra)

FLW_CACHE_DIR="${FLW_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/four-level-whistle}"
FLW_INFRA_DIR="${FLW_INFRA_DIR:-${TMPDIR:-/tmp}/four-level-whistle-infra}"

# Component name used as log prefix; each script sets it before sourcing.
FLW_COMPONENT="${FLW_COMPONENT:-infra}"

log() { printf '[%s] %s\n' "$FLW_COMPONENT" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$FLW_COMPONENT" "$*" >&2; }

# die MESSAGE [HINT...]: every failure says what went wrong and what to do about it.
die() {
  printf '[%s] ERROR: %s\n' "$FLW_COMPONENT" "$1" >&2
  shift
  local hint
  for hint in "$@"; do printf '[%s]   -> %s\n' "$FLW_COMPONENT" "$hint" >&2; done
  exit 1
}

# print_usage LAST: the running script's header comment (lines 2 to LAST) is its usage text.
print_usage() {
  sed -n "2,${1}p" "$0" | sed 's/^# \{0,1\}//'
}

# Microsecond clock from bash itself (no subprocess), for the timings we print.
now_us() { echo "${EPOCHREALTIME/./}"; }
# secs_since START_US: elapsed seconds with one decimal.
secs_since() {
  local d=$(($(now_us) - $1))
  printf '%d.%d' $((d / 1000000)) $((d % 1000000 / 100000))
}

# require_tool NAME HINT: fail early and clearly instead of a "command not found" deep inside.
require_tool() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed or not on PATH." "$2"
}

# port_open HOST PORT: true when something accepts TCP connections there. Uses bash's own
# /dev/tcp so nothing extra (nc, curl) has to be installed.
port_open() {
  # shellcheck disable=SC2016 # $1/$2 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

# port_owner PORT: best-effort description of who listens on PORT (needs ss; empty otherwise).
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n '1s/.*users:((\(.*\)))/\1/p' || true
}

# ensure_port_free HOST PORT ENVVAR: a port taken by someone else would make the server fail
# later with a buried bind error; say it up front and name the variable that moves it.
ensure_port_free() {
  local host=$1 port=$2 var=$3 owner
  if port_open "$host" "$port"; then
    owner=$(port_owner "$port")
    die "$host:$port is already in use${owner:+ by $owner}, and not by the server of this run directory ($FLW_INFRA_DIR)." \
      "stop that process (if another FLW_INFRA_DIR started it, run 'down' with that FLW_INFRA_DIR), or choose another port: $var=<port>"
  fi
}

# pid_alive PIDFILE PATTERN: true when the pid in PIDFILE runs and its command line contains
# PATTERN. The pattern check guards against a stale pid file whose pid was reused by an
# unrelated process (which we must neither report as "running" nor kill).
# endpoint_in_use NAME ASKED [strict]: sets IN_USE to the address the running NAME was started
# with (kept in $ENDPOINT_FILE), which readiness and status must probe rather than whatever the
# settings ask for now. `strict` (from `up`) refuses a different one; otherwise it warns.
endpoint_in_use() {
  local name=$1 asked=$2
  IN_USE=$asked
  [ -s "$ENDPOINT_FILE" ] || return 0
  IN_USE=$(<"$ENDPOINT_FILE")
  [ "$IN_USE" != "$asked" ] || return 0
  if [ "${3:-}" = strict ]; then
    die "the $name of $RUN already runs on $IN_USE, not on $asked as asked." "'$0 down' first, then 'up' again to move it"
  fi
  warn "the running $name listens on $IN_USE, not on $asked as asked; '$0 down' and 'up' again to move it."
}

pid_alive() {
  local pidfile=$1 pattern=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Read into a variable rather than piping into `grep -q`: with pipefail, grep exiting early
  # can fail the pipeline through SIGPIPE even on a match.
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$pattern"* ]]
}

# start_daemon PIDFILE LOGFILE WORKDIR CMD...: start CMD detached in its own session (so a
# Ctrl-C in the calling terminal, or npm ending its process group, does not take the server
# down), stdin closed, output appended to LOGFILE. The child writes its own pid before exec,
# so the pid file holds the server's pid and not a wrapper's.
start_daemon() {
  local pidfile=$1 logfile=$2 workdir=$3
  shift 3
  rm -f "$pidfile"
  (
    cd "$workdir" || exit 1
    # fds 8 and 9 are with_lock's locks: the server must not inherit them, or it would hold
    # the lock for its whole life and block every later up/down.
    exec 8>&- 9>&-
    # shellcheck disable=SC2016 # $$, $0 and $@ belong to the inner bash
    exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1
  ) &
  # Wait (briefly) for the pid file so callers can rely on it.
  local _
  for _ in $(seq 1 50); do
    [ -s "$pidfile" ] && return 0
    sleep 0.1
  done
  die "the server process did not start (no pid written to $pidfile)." "see $logfile"
}

# stop_daemon PIDFILE PATTERN TIMEOUT_S: SIGTERM for a clean shutdown, SIGKILL if it has not
# exited after TIMEOUT_S. Prints what it did; returns 1 when nothing was running.
stop_daemon() {
  local pidfile=$1 pattern=$2 timeout_s=$3 signal=${4:-TERM} pid start
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 1
  fi
  pid=$(<"$pidfile")
  start=$(now_us)
  kill "-$signal" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now_us) - start > timeout_s * 1000000)); then
      warn "pid $pid did not exit ${timeout_s}s after SIG$signal; sending SIGKILL."
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  log "stopped pid $pid in $(secs_since "$start")s."
}

# show_log_tail LOGFILE: on failure, the last lines of the server log are usually the answer.
show_log_tail() {
  [ -f "$1" ] || return 0
  printf '[%s] --- last lines of %s ---\n' "$FLW_COMPONENT" "$1" >&2
  tail -n 25 "$1" >&2
  printf '[%s] ---\n' "$FLW_COMPONENT" >&2
}

# with_lock LOCKFILE [FD]: serialise concurrent invocations (e.g. several test workers calling
# `up` at once) so they do not both download, build, format or start. The lock is held on FD
# (9 for a run directory, 8 for a cache directory) until the script exits. Without flock we
# simply go on unlocked.
with_lock() {
  local file=$1 fd=${2:-9}
  mkdir -p "$(dirname "$file")"
  command -v flock >/dev/null 2>&1 || return 0
  eval "exec $fd>\"\$file\""
  if ! flock -w 900 "$fd"; then
    die "could not get the lock $file within 900s: another up/down seems stuck." \
      "check for a hanging deploy/local script (ps aux | grep deploy/local) and retry"
  fi
}

# down_server [--wipe] -- EXTRA...: stops this script's server (PIDFILE, PID_PATTERN, STOP_TIMEOUT,
# STOP_SIGNAL (default TERM), RUN, ENDPOINT_FILE); with --wipe also deletes DATA and the EXTRA
# paths that belong to it.
# shellcheck disable=SC2153 # PIDFILE and the rest are set by the script that sources this file
down_server() {
  local wipe=false arg
  while (($#)); do
    arg=$1
    shift
    case $arg in
      --wipe) wipe=true ;;
      --) break ;;
      *) die "unknown option for down: $arg" "usage: $0 down [--wipe]" ;;
    esac
  done
  with_lock "$RUN.lock"
  if ! stop_daemon "$PIDFILE" "$PID_PATTERN" "$STOP_TIMEOUT" "${STOP_SIGNAL:-TERM}"; then
    log "not running."
  fi
  rm -f "$ENDPOINT_FILE"
  if $wipe; then
    rm -rf "$DATA" "$@"
    log "wiped $DATA"
  fi
}

# server_gone: whether the server named by PIDFILE, which this script has just started, has exited.
# Only a pid that no longer exists, or is a zombie, counts. Its command line is no evidence here:
# the pid file is written just before the exec into the server, and while the kernel executes
# /proc/PID/cmdline reads empty (seen in 28 of 300 tight polls), which once failed a CI's "up".
server_gone() {
  local pid stat
  pid=$(<"$PIDFILE") || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 0
  # The state is the first field after the command name, which is in parentheses and may hold spaces.
  stat=${stat##*) }
  [ "${stat%% *}" = Z ]
}

# wait_server_ready WHAT ENDPOINT ANSWER SETTING INTERVAL PROBE...: polls until this script's
# server (running, PIDFILE, LOGFILE, READY_TIMEOUT) accepts connections on ENDPOINT (host:port)
# and PROBE succeeds; dies with the log's tail if the server exits, or after READY_TIMEOUT seconds
# naming SETTING, the variable that raises it.
# shellcheck disable=SC2153 # PIDFILE and the rest are set by the script that sources this file
wait_server_ready() {
  local what=$1 endpoint=$2 answer=$3 setting=$4 interval=$5
  shift 5
  local deadline=$(($(now_us) + READY_TIMEOUT * 1000000))
  while :; do
    if server_gone; then
      show_log_tail "$LOGFILE"
      die "$what exited during startup." "read $LOGFILE; a damaged or foreign data directory is fixed by '$0 down --wipe'"
    fi
    if port_open "${endpoint%:*}" "${endpoint##*:}" && "$@"; then
      return 0
    fi
    if (($(now_us) > deadline)); then
      show_log_tail "$LOGFILE"
      die "$what did not answer $answer on $endpoint within ${READY_TIMEOUT}s (pid $(<"$PIDFILE") left running)." \
        "read $LOGFILE; raise $setting on a slow machine, or '$0 down' to stop it"
    fi
    sleep "$interval"
  done
}
