#!/usr/bin/env bash
# npm run test:cluster (and, with --bench, npm run bench:cluster): a real Temporal server (not the dev server) on
# PostgreSQL, both on loopback, and the cluster suite (test/cluster/) against
# it with two worker processes. Installs what it lacks into .tools/:
#   - PostgreSQL from Debian's packages (apt-get install postgresql);
#   - the Temporal server and temporal-sql-tool through the Go module proxy
#     (go install go.temporal.io/server/cmd/server@VERSION, cmd/tools/sql@VERSION);
# then makes a fresh PostgreSQL cluster and fresh databases each run, sets up
# the schemas with temporal-sql-tool, starts the server, runs the suite and
# stops everything it started.
#
# Environment: TEMPORAL_SERVER_VERSION (default v1.28.1), CLUSTER_PORT_BASE
# (default: the first of 27200, 27300, ... whose ports are all free; the
# frontend is on BASE+33, PostgreSQL on BASE+32), KEEP_CLUSTER=1 to leave the
# server and PostgreSQL running afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/cluster"
VERSION="${TEMPORAL_SERVER_VERSION:-v1.28.1}"
STATE="$ROOT/.tools/cluster"
BIN="$STATE/bin/$VERSION"
RUN="$STATE/run"
SERVER_PID=""

log() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }

# Ports BASE+OFFSET for PostgreSQL and each Temporal service; none may be in use,
# or the suite would talk to somebody else's server.
PORT_OFFSETS=(32 33 34 35 39 43 53 54 55 59)
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports_free() {
  local offset
  for offset in "${PORT_OFFSETS[@]}"; do
    if port_in_use $(($1 + offset)); then return 1; fi
  done
}
if [[ -n "${CLUSTER_PORT_BASE:-}" ]]; then
  BASE="$CLUSTER_PORT_BASE"
  ports_free "$BASE" || die "a port of CLUSTER_PORT_BASE=$BASE (+${PORT_OFFSETS[*]}) is in use"
else
  BASE=""
  for candidate in 27200 27300 27400 27500 27600 27700 27800 27900; do
    if ports_free "$candidate"; then BASE="$candidate"; break; fi
  done
  [[ -n "$BASE" ]] || die "no free block of ports found; set CLUSTER_PORT_BASE"
fi
PG_PORT=$((BASE + 32))
FRONTEND_PORT=$((BASE + 33))

# --- Temporal server and temporal-sql-tool, through the Go module proxy -------
install_temporal() {
  if [[ -x "$BIN/temporal-server" && -x "$BIN/temporal-sql-tool" ]]; then return; fi
  command -v go >/dev/null || die "go is not installed (needed to build the Temporal server)"
  mkdir -p "$BIN"
  local gobin
  gobin="$(mktemp -d)"
  log "go install go.temporal.io/server/cmd/server@$VERSION (several minutes the first time)"
  GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "go.temporal.io/server/cmd/server@$VERSION"
  log "go install go.temporal.io/server/cmd/tools/sql@$VERSION"
  GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "go.temporal.io/server/cmd/tools/sql@$VERSION"
  mv "$gobin/server" "$BIN/temporal-server"
  mv "$gobin/sql" "$BIN/temporal-sql-tool"
  rmdir "$gobin"
}

schema_dir() {
  local dir
  dir="$(cd /tmp && go mod download -json "go.temporal.io/server@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$dir/schema/postgresql/v12" ]] || die "no PostgreSQL schema in $dir"
  printf '%s/schema/postgresql/v12' "$dir"
}

# --- PostgreSQL from Debian's packages ----------------------------------------
pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then printf '%s' "$dir"; return; fi
  done
}

install_postgres() {
  if [[ -n "$(pg_bin)" ]] && id postgres >/dev/null 2>&1; then return; fi
  log "apt-get install postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  [[ -n "$(pg_bin)" ]] || die "postgresql installed but initdb was not found"
}

# From /tmp: the postgres user may not enter the checkout (pg_ctl then fails to stop it).
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }

# PostgreSQL runs as the postgres user (initdb refuses root), which may not reach a
# checkout under a private folder (a mktemp clone is 0700): its cluster lives under
# /tmp, one folder per port block, so concurrent runs on other ports keep apart.
PG_DIR="/tmp/mandate-cluster-pg-$BASE"

start_postgres() {
  local bin pg="$PG_DIR"
  bin="$(pg_bin)"
  mkdir -p "$RUN"
  # A fresh cluster each run.
  if [[ -d "$pg/data" ]]; then
    as_postgres "$bin/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg"
  mkdir -p "$pg/data" "$pg/sock"
  chown -R postgres:postgres "$pg"
  as_postgres "$bin/initdb" -D "$pg/data" -U postgres --auth=trust -E UTF8 >"$RUN/initdb.log"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  as_postgres "$bin/pg_ctl" -D "$pg/data" -w -t 60 -l "$pg/postgres.log" \
    -o "-p $PG_PORT -k $pg/sock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE temporal LOGIN CREATEDB PASSWORD 'temporal'"
}

stop_postgres() {
  local bin
  bin="$(pg_bin)"
  [[ -n "$bin" && -d "$PG_DIR/data" ]] || return 0
  as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}

# --- Schemas with temporal-sql-tool -------------------------------------------
setup_schemas() {
  local schema sql
  schema="$(schema_dir)"
  sql=("$BIN/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" -u temporal --pw temporal)
  for db in temporal temporal_visibility; do
    local versioned="$schema/temporal/versioned"
    [[ "$db" == temporal_visibility ]] && versioned="$schema/visibility/versioned"
    log "temporal-sql-tool: $db (create-database, setup-schema -v 0.0, update-schema -d ${versioned#"$schema"/})"
    "${sql[@]}" --db "$db" create-database >>"$RUN/sql-tool.log" 2>&1
    "${sql[@]}" --db "$db" setup-schema -v 0.0 >>"$RUN/sql-tool.log" 2>&1
    "${sql[@]}" --db "$db" update-schema -d "$versioned" >>"$RUN/sql-tool.log" 2>&1
  done
}

# --- Temporal server -----------------------------------------------------------
start_server() {
  mkdir -p "$RUN/config"
  # The suite registers search attributes and uses them at once, so its server rereads them
  # on every call; that costs the benchmark a metadata read per visibility call (throttled as
  # background work at 40,000 tasks), so its server keeps them in the 60-second cache.
  if [[ "$MODE" == bench ]]; then
    sed -e '/^system.forceSearchAttributesCacheRefreshOnRead:/,/value:/s/value: true/value: false/' \
      "$HERE/dynamicconfig.yaml" >"$RUN/config/dynamicconfig.yaml"
  else
    cp "$HERE/dynamicconfig.yaml" "$RUN/config/dynamicconfig.yaml"
  fi
  sed -e "s|@PG_PORT@|$PG_PORT|g" \
    -e "s|@FRONTEND_PORT@|$FRONTEND_PORT|g" \
    -e "s|@FRONTEND_HTTP_PORT@|$((BASE + 43))|g" \
    -e "s|@HISTORY_PORT@|$((BASE + 34))|g" \
    -e "s|@MATCHING_PORT@|$((BASE + 35))|g" \
    -e "s|@WORKER_PORT@|$((BASE + 39))|g" \
    -e "s|@FRONTEND_MEMBERSHIP_PORT@|$((BASE + 53))|g" \
    -e "s|@HISTORY_MEMBERSHIP_PORT@|$((BASE + 54))|g" \
    -e "s|@MATCHING_MEMBERSHIP_PORT@|$((BASE + 55))|g" \
    -e "s|@WORKER_MEMBERSHIP_PORT@|$((BASE + 59))|g" \
    -e "s|@DYNAMIC_CONFIG@|$RUN/config/dynamicconfig.yaml|g" \
    "$HERE/development.yaml.tmpl" >"$RUN/config/development.yaml"
  log "temporal-server $VERSION (frontend 127.0.0.1:$FRONTEND_PORT), log in ${RUN#"$ROOT"/}/server.log"
  setsid "$BIN/temporal-server" --root "$RUN" --config config --env development --allow-no-auth start \
    >"$RUN/server.log" 2>&1 &
  SERVER_PID=$!
  # Ready when the frontend listens; a server that exits first has failed.
  for _ in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$RUN/server.log" >&2; die "temporal-server exited"; }
    if port_in_use "$FRONTEND_PORT"; then return; fi
    sleep 0.5
  done
  die "temporal-server did not listen on $FRONTEND_PORT within 60 s"
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$SERVER_PID" 2>/dev/null || true
}

cleanup() {
  local code=$?
  # Finish stopping what was started even if a signal arrives meanwhile.
  trap '' INT TERM
  if [[ "${KEEP_CLUSTER:-}" == 1 ]]; then
    log "KEEP_CLUSTER=1: server (pid $SERVER_PID) and PostgreSQL left running"
  else
    stop_server
    stop_postgres
    rm -rf "$PG_DIR"
  fi
  exit "$code"
}

MODE=suite
[[ "${1:-}" == --bench ]] && MODE=bench
install_temporal
install_postgres
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_postgres
setup_schemas
start_server

cd "$ROOT"
# The workers the suite and the benchmark start are the release's (dist/).
node scripts/build.js --if-stale
if [[ "${1:-}" == --bench ]]; then
  # npm run bench:cluster: the same server, the 40,000-task benchmark in place of the suite.
  shift
  log "running bench/cluster.ts against 127.0.0.1:$FRONTEND_PORT"
  TEMPORAL_ADDRESS="127.0.0.1:$FRONTEND_PORT" MANDATE_CLUSTER_SERVER_VERSION="${VERSION#v}" \
    npx tsx bench/cluster.ts "$@"
  exit
fi
log "running test/cluster against 127.0.0.1:$FRONTEND_PORT"
MANDATE_CLUSTER_SUITE=1 TEMPORAL_ADDRESS="127.0.0.1:$FRONTEND_PORT" \
  MANDATE_CLUSTER_SERVER_VERSION="${VERSION#v}" \
  npx vitest run --config scripts/cluster/vitest.config.mts "$@"
