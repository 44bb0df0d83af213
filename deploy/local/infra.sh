#!/usr/bin/env bash
# The project's local infrastructure: Kafka (kafka.sh) and FerretDB (ferretdb.sh, on the private
# PostgreSQL of postgres.sh) together.
#
#   deploy/local/infra.sh up              start both in parallel (fetching/building on first use)
#   deploy/local/infra.sh down [--wipe]   stop both; --wipe also deletes their data
#   deploy/local/infra.sh status          exit 0 when both run, non-zero otherwise
#
# `up` prints how long each took and whether its cache was cold (jars fetched / binary built)
# or warm. Environment variables: see the README section and the top of kafka.sh, ferretdb.sh
# and lib.sh (FLW_CACHE_DIR, FLW_INFRA_DIR, FLW_KAFKA_*, FLW_FERRETDB_*).
set -euo pipefail

FLW_COMPONENT=infra
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

COMPONENTS=(kafka ferretdb)

usage() { print_usage 6; }

# run_timed NAME RESULTDIR ARGS...: run one component's script, record "rc seconds" for the
# summary. The component scripts prefix their own lines with [kafka] / [ferretdb].
run_timed() {
  local name=$1 results=$2 start rc=0
  shift 2
  start=$(now_us)
  "$here/$name.sh" "$@" || rc=$?
  echo "$rc $(secs_since "$start")" >"$results/$name"
}

# in_parallel SUMMARY ACTION ARGS...: run ACTION on every component at once and wait for all;
# writes "name rc seconds" lines to SUMMARY; fails when any failed. They are independent
# (Kafka's start is JVM-bound, FerretDB's first build CPU-bound, the fetches network-bound),
# so the wall time is the slower one's, not the sum.
in_parallel() {
  local summary=$1 results name rc secs failed=()
  shift
  results=$(mktemp -d)
  for name in "${COMPONENTS[@]}"; do
    run_timed "$name" "$results" "$@" &
  done
  wait
  for name in "${COMPONENTS[@]}"; do
    if [ -s "$results/$name" ]; then read -r rc secs <"$results/$name"; else rc=1 secs="?"; fi
    printf '%s %s %s\n' "$name" "$rc" "$secs"
    [ "$rc" = 0 ] || failed+=("$name")
  done >"$summary"
  rm -rf "$results"
  [ ${#failed[@]} -eq 0 ]
}

cmd_up() {
  local start name state summary rc secs ok=true
  start=$(now_us)
  # Decide cold/warm before starting, since `up` fills the caches.
  declare -A cache_state
  for name in "${COMPONENTS[@]}"; do
    if "$here/$name.sh" cached; then cache_state[$name]=warm; else cache_state[$name]=cold; fi
  done
  log "up: kafka (${cache_state[kafka]} cache) and ferretdb (${cache_state[ferretdb]} cache) in parallel..."
  summary=$(mktemp)
  in_parallel "$summary" up || ok=false
  while read -r name rc secs; do
    state=${cache_state[$name]}
    if [ "$rc" = 0 ]; then
      log "  $name: up in ${secs}s ($state cache)"
    else
      log "  $name: FAILED after ${secs}s (exit $rc; see its messages above)"
    fi
  done <"$summary"
  rm -f "$summary"
  if ! $ok; then
    die "infrastructure did not come up completely (total $(secs_since "$start")s)." \
      "fix the failure reported above and run '$0 up' again (what is already up stays up); '$0 status' shows what runs"
  fi
  log "all up in $(secs_since "$start")s: Kafka bootstrap 127.0.0.1:${FLW_KAFKA_PORT:-9092}, MongoDB mongodb://127.0.0.1:${FLW_FERRETDB_PORT:-27017}/"
}

cmd_down() {
  local start summary name rc secs ok=true
  start=$(now_us)
  summary=$(mktemp)
  in_parallel "$summary" down "$@" || ok=false
  while read -r name rc secs; do
    [ "$rc" = 0 ] || log "  $name: down FAILED (exit $rc; see above)"
  done <"$summary"
  rm -f "$summary"
  # FerretDB's backend goes last, once nothing uses it.
  "$here/postgres.sh" down "$@" || ok=false
  $ok || die "could not stop everything." "see the messages above; '$0 status' shows what still runs"
  log "all down in $(secs_since "$start")s"
}

cmd_status() {
  local name rc=0 one
  for name in "${COMPONENTS[@]}" postgres; do
    [ "$name" != postgres ] || [ "${FLW_FERRETDB_BACKEND:-postgresql}" = postgresql ] || continue
    one=0
    "$here/$name.sh" status || one=$?
    [ "$rc" != 0 ] || rc=$one
  done
  return "$rc"
}

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
