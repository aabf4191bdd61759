#!/usr/bin/env bash
# Login benchmark: stock Keycloak versus Keycloak with the bundle, as organisations run it (the keycloak-quarkus-dist
# zip, kc.sh build --db=postgres, PostgreSQL, a fixed heap). One server at a time: start, warm up, measure, stop;
# the sides alternate (stock bundle bundle stock ...) ROUNDS times each, so the machine's drift and a fresh JVM's
# slow or fast start fall on both sides. Per run it measures password-grant and browser-code-flow logins/s (4 client
# threads) and the admin user-create latency; at the end it prints per side the median and spread and the
# bundle/stock ratio with a 95% bootstrap interval. Not a test: it asserts nothing.
#
#   mvn -B -DskipTests package && flock /tmp/it.lock scripts/benchmark-login.sh [--rounds N] [--before DIR]
#
#   --rounds N     runs per side (default 10)
#   --warmup S     warm-up seconds per run, alternating both flows in 5-second chunks (default 60)
#   --settle S     after the warm-up, keep warming up in 10-second turns until the JIT compiled less than S seconds
#                  in the last one (e.g. 1), at most --settle-max seconds (default 300); default 0: off
#   --seconds S    measured seconds per flow per run (default 30)
#   --creates N    admin user creates per run (default 40)
#   --before DIR   a third side "before": the jars in DIR (an older build of the bundle), alternated with the others
#   --stop-by HH:MM  (UTC) start no round that would end after this time, going by the last round's duration
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql), psql and python3. Loopback ports only
# (BENCH_PORT_BASE, default 34000: PostgreSQL on it, Keycloak on +10, management on +11, the Odoo simulator on +20),
# a temporary folder under .run/bench-login that is removed again; the per-run lines stay in RESULTS
# (default .run/benchmark-login-<time>.jsonl) and scripts/benchmark-login.py report RESULTS prints them again.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=10 WARMUP=60 SECONDS_PER_FLOW=30 CREATES=40 BEFORE="" STOP_BY="" SETTLE=0 SETTLE_MAX=300
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --settle-max) SETTLE_MAX=$2; shift 2 ;;
    --seconds) SECONDS_PER_FLOW=$2; shift 2 ;;
    --creates) CREATES=$2; shift 2 ;;
    --before) BEFORE=$(cd "$2" && pwd); shift 2 ;;
    --stop-by) STOP_BY=$(date -u -d "$2" +%s); shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
BASE=${BENCH_PORT_BASE:-34000}
PG_PORT=$BASE KC_PORT=$((BASE + 10)) MGMT_PORT=$((BASE + 11)) ODOO_PORT=$((BASE + 20))
WORK=$PWD/.run/bench-login
RESULTS=${RESULTS:-$PWD/.run/benchmark-login-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools

# The same JVM on every side and run: a fixed, pre-touched heap (no resizing, no page faults while measuring),
# G1 as kc.sh chooses, and the processor count pinned so the JIT compiler threads and GC threads never differ.
export JAVA_OPTS_KC_HEAP="-Xms768m -Xmx768m"
export JAVA_OPTS_APPEND="-XX:ActiveProcessorCount=2 -XX:+AlwaysPreTouch"

cleanup() {
  stack_cleanup
  rm -rf "$WORK"
}
trap cleanup EXIT
stack_prepare
stack_postgres
setsid java -jar "$SIMULATOR_JAR" --port "$ODOO_PORT" --version 19 >"$WORK/odoo.log" 2>&1 &
PIDS+=($!)

# one distribution per side, each with its own database; only the bundle sides get the jars
install_side() { # side jars-dir-or-empty
  local dir=$WORK/$1
  mkdir -p "$dir"
  unzip -q "$KC_ZIP" -d "$dir"
  [[ -n "$2" ]] && cp "$2"/account-lifecycle-*.jar "$dir/keycloak-$KC_VERSION/providers/"
  "$dir/keycloak-$KC_VERSION/bin/kc.sh" build --db=postgres >"$dir/build.log" 2>&1 || { tail -n 20 "$dir/build.log"; exit 1; }
  psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -qc "create database kc_$1" >/dev/null
}
KC_ZIP=$PWD/.run/keycloak-quarkus-dist-$KC_VERSION.zip
[[ -f "$KC_ZIP" ]] || mvn -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$PWD/.run"
mkdir -p "$WORK/bundle-jars" && cp "$PROVIDERS_JAR" "$THEMES_JAR" "$WORK/bundle-jars/"
SIDES=(stock bundle)
echo "== Keycloak $KC_VERSION: stock, with the bundle ($(basename "$PROVIDERS_JAR"))${BEFORE:+ and before ($BEFORE)}"
install_side stock ""
install_side bundle "$WORK/bundle-jars"
if [[ -n "$BEFORE" ]]; then install_side before "$BEFORE"; SIDES=(stock before bundle); fi

# starts one side, sets its realm up on first use, warms up and measures, stops it
measure() { # side round
  local side=$1 kc=$WORK/$1/keycloak-$KC_VERSION pid java_pid
  # sessions and events of earlier runs would make each run of a side start from a bigger database
  psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d "kc_$side" -qc "do \$\$ begin
    if to_regclass('offline_user_session') is not null then
      truncate offline_client_session, offline_user_session, event_entity, admin_event_entity; end if; end \$\$" >/dev/null
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$kc/bin/kc.sh" start --optimized \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/kc_$side" --db-username=keycloak --db-password=unused \
    --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --http-management-port="$MGMT_PORT" --cache=local \
    --spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback >"$WORK/$side/keycloak-$2.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done
  curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null || { tail -n 30 "$WORK/$side/keycloak-$2.log"; exit 1; }
  java_pid=$(ps -o pid=,comm= --ppid "$pid" | awk '$2 == "java" { print $1 }')
  if ! curl -sf "http://127.0.0.1:$KC_PORT/realms/bench" >/dev/null; then
    python3 scripts/benchmark-login.py setup --url "http://127.0.0.1:$KC_PORT" --side "$side" --admin-password "$PW" \
      --odoo "http://127.0.0.1:$ODOO_PORT"
  fi
  python3 scripts/benchmark-login.py run --url "http://127.0.0.1:$KC_PORT" --side "$side" --admin-password "$PW" \
    --round "$2" --warmup "$WARMUP" --settle "$SETTLE" --settle-max "$SETTLE_MAX" --seconds "$SECONDS_PER_FLOW" --creates "$CREATES" --kc-pid "$java_pid" | tee -a "$RESULTS"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  local kept=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

last_round=0
for round in $(seq 1 "$ROUNDS"); do
  if [[ -n "$STOP_BY" ]] && (( $(date +%s) + last_round > STOP_BY )); then
    echo "== stopping after $((round - 1)) rounds: another would end after --stop-by"
    break
  fi
  round_start=$(date +%s)
  if (( round % 2 == 1 )); then order=("${SIDES[@]}"); else order=(); for ((i=${#SIDES[@]}-1; i>=0; i--)); do order+=("${SIDES[i]}"); done; fi
  for side in "${order[@]}"; do
    echo "== round $round of $ROUNDS: $side ($(date -u +%H:%M:%S))"
    measure "$side" "$round"
  done
  last_round=$(( $(date +%s) - round_start ))
done
echo "== results ($RESULTS)"
python3 scripts/benchmark-login.py report "$RESULTS"
