#!/usr/bin/env bash
# The bundle on the older Keycloak lines it supports, installed as organisations install it: the stock
# keycloak-quarkus-dist zip from Maven Central (cached in ~/.m2), the two jars in providers/, kc.sh build
# --db=postgres, realm-config imported with --import-realm, on PostgreSQL in a temporary folder. One server per
# version, shared by all of its checks (scripts/smoke-installed.py --full):
#  invite -> activation through the mailed link -> password login; the email-change confirm and the old address's
#  notice, by an admin and by the user (Keycloak's update-email); disable ends the sessions; a reminder run; the
#  Odoo sync (the simulator); the pages and mails show no raw message key.
# The full integration suite covers the version the pom builds against (26.7.3).
#
#   mvn -B -DskipTests package && scripts/version-matrix.sh [VERSION ...]   (default: MATRIX_VERSIONS)
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql), psql and python3. Loopback ports
# only, away from the integration tests (8080/9000) and ci-smoke (18085); a folder under .run/matrix that is
# removed again (the Keycloak log is kept in ${TMPDIR:-/tmp}). Exits non-zero when a check fails on any version.
set -euo pipefail
cd "$(dirname "$0")/.."

MATRIX_VERSIONS=${MATRIX_VERSIONS:-"26.4.7 26.5.6"}
KC_PORT=${MATRIX_KC_PORT:-18285}
MGMT_PORT=${MATRIX_MANAGEMENT_PORT:-19205}
PG_PORT=${MATRIX_PG_PORT:-15832}
SMTP_PORT=${MATRIX_SMTP_PORT:-13225}
MAIL_API_PORT=${MATRIX_MAIL_PORT:-18225}
GREENMAIL_VERSION=${GREENMAIL_VERSION:-2.1.8}
READY_TIMEOUT=${READY_TIMEOUT:-240}

if [[ "${1:-}" != --one ]]; then
  versions=("$@")
  [[ ${#versions[@]} -gt 0 ]] || read -r -a versions <<<"$MATRIX_VERSIONS"
  failed=()
  for v in "${versions[@]}"; do
    start=$SECONDS
    if bash "$0" --one "$v"; then
      echo "== Keycloak $v: all checks passed ($(( SECONDS - start )) s)"
    else
      echo "== Keycloak $v: FAILED ($(( SECONDS - start )) s)"
      failed+=("$v")
    fi
  done
  [[ ${#failed[@]} -eq 0 ]] || { echo "version matrix failed on: ${failed[*]}"; exit 1; }
  echo "version matrix passed on: ${versions[*]}"
  exit 0
fi

VERSION=$2
WORK=$PWD/.run/matrix/$VERSION
GREENMAIL_JAR=$PWD/.run/greenmail-standalone-$GREENMAIL_VERSION.jar
source scripts/lib/postgres-keycloak.sh
stack_require_tools

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak.log" "${TMPDIR:-/tmp}/version-matrix-$VERSION-keycloak.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p .run/matrix
stack_prepare
stack_postgres
stack_keycloak "$VERSION"
mkdir -p "$KC/data/import"
cp realm-config/*.json "$KC/data/import/"
[[ -s "$GREENMAIL_JAR" ]] || mvn -B -q -N dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$PWD/.run"

ODOO_PORT=${MATRIX_ODOO_PORT:-18369}
setsid java -jar "$SIMULATOR_JAR" --port "$ODOO_PORT" --version 19 >"$WORK/odoo.log" 2>&1 &
PIDS+=($!)
setsid java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" -Dgreenmail.auth.disabled \
  -jar "$GREENMAIL_JAR" >"$WORK/greenmail.log" 2>&1 &
PIDS+=($!)

MASTER_PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "== Keycloak $VERSION on :$KC_PORT (PostgreSQL, --import-realm of realm-config)"
ACCOUNT_LIFECYCLE_SMTP_HOST=127.0.0.1 ACCOUNT_LIFECYCLE_SMTP_PORT=$SMTP_PORT \
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$MASTER_PW \
  setsid "$KC/bin/kc.sh" start --optimized --import-realm \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$MGMT_PORT" --cache=local \
  --spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback >"$WORK/keycloak.log" 2>&1 &
KC_PID=$!
PIDS+=("$KC_PID")
deadline=$(( SECONDS + READY_TIMEOUT ))
until curl -sf "http://127.0.0.1:$KC_PORT/realms/demo" >/dev/null; do
  if ! kill -0 "$KC_PID" 2>/dev/null || (( SECONDS >= deadline )); then
    echo "error: Keycloak $VERSION did not serve the demo realm; last lines of its log:"; tail -n 40 "$WORK/keycloak.log"; exit 1
  fi
  sleep 2
done
echo "   started in $(grep -o 'started in [0-9.]*s' "$WORK/keycloak.log" | head -n 1 | cut -d' ' -f3)"
grep -h "account-lifecycle on Keycloak\|account-lifecycle: .* off" "$WORK/keycloak.log" | sed 's/^/   log: /' || true

rc=0
python3 scripts/smoke-installed.py --full --keycloak "$VERSION" --port "$KC_PORT" --mail-port "$MAIL_API_PORT" \
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U keycloak -d keycloak -tAq" \
  --odoo "http://127.0.0.1:$ODOO_PORT" --master-password "$MASTER_PW" || rc=1
if grep -E "^[0-9-]+ [0-9:,]+ ERROR|NoSuchMethodError|NoClassDefFoundError|AbstractMethodError" "$WORK/keycloak.log" >"$WORK/errors.log"; then
  echo "FAIL the Keycloak log has errors:"; head -n 20 "$WORK/errors.log"; rc=1
else
  echo "ok   the Keycloak log has no ERROR lines"
fi
if [[ -n "${MATRIX_HOLD:-}" ]]; then  # keeps the server for a look by hand until $WORK/hold is removed
  touch "$WORK/hold"; echo "holding: rm $WORK/hold"; while [[ -e "$WORK/hold" ]]; do sleep 2; done
fi
exit "$rc"
