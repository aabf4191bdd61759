#!/usr/bin/env bash
# Benchmark of the provisioning targets against the target simulator with a 20 ms round trip, on PostgreSQL, with the
# bundle installed in a stock Keycloak as organisations install it. Prints:
#  - the delivery rate of one webhook target: a re-sync of USERS (default 10,000) users to it;
#  - three targets at once (three webhook receivers, or KINDS=webhook,scim,webhook), re-synced together, with a
#    fourth, dead target (nothing listens at its port) in the same realm: each live target's rate;
#  - the admin user-create latency in a realm with those targets on versus a realm without the listener, side by side.
#
#   mvn -B -DskipTests package && scripts/benchmark-targets.sh
#   USERS=20000 CREATES=500 RTT_MS=20 scripts/benchmark-targets.sh
#   KC_OPTS="--spi-events-listener--account-lifecycle--targets-concurrency=32" scripts/benchmark-targets.sh
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql) and psql. Loopback ports only; a
# temporary folder under .run/bench-targets that is removed again. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-10000}
RTT_MS=${RTT_MS:-20}
CREATES=${CREATES:-300}
KINDS=${KINDS:-webhook,webhook,webhook}
PG_PORT=${PG_PORT:-15732}
KC_PORT=${KC_PORT:-18780}
SIM_PORT=${SIM_PORT:-18790}
MGMT_PORT=${MGMT_PORT:-$(( KC_PORT + 1000 ))}
WORK=$PWD/.run/bench-targets
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools
TARGET_SIM_JAR=$(ls target-simulator/target/account-lifecycle-target-simulator-*-standalone.jar 2>/dev/null | head -n 1)
[[ -n "$TARGET_SIM_JAR" ]] || { echo "error: build first: mvn -B -DskipTests package"; exit 1; }

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak.log" "${TMPDIR:-/tmp}/benchmark-targets-keycloak.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stack_prepare
stack_postgres
stack_keycloak
setsid java -jar "$TARGET_SIM_JAR" --port "$SIM_PORT" --rtt-ms "$RTT_MS" >"$WORK/targets.log" 2>&1 &
PIDS+=($!)
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$MGMT_PORT" --cache=local \
  --spi-events-listener--account-lifecycle--targets-allowed-hosts=loopback ${KC_OPTS:-} >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done

export KCURL="http://127.0.0.1:$KC_PORT" SIM="http://127.0.0.1:$SIM_PORT" PW USERS CREATES PG_PORT RTT_MS KINDS
python3 scripts/benchmark-targets.py
