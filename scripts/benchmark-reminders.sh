#!/usr/bin/env bash
# Benchmark of one password reminder scan: a realm with USERS users (default 100,000), DUE_PERCENT of them
# (default 1) with a password that expires within 14 days, on PostgreSQL, with the bundle installed in a
# stock Keycloak as organisations install it. Prints the scan's own figures and the query plan.
#
#   mvn -B -DskipTests package && scripts/benchmark-reminders.sh
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql) and psql. Uses loopback ports
# only and a temporary folder under .run/bench that it removes again. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-100000}
DUE_PERCENT=${DUE_PERCENT:-1}
PG_PORT=${PG_PORT:-15432}
KC_PORT=${KC_PORT:-18480}
MGMT_PORT=${MGMT_PORT:-19480}
SMTP_PORT=${SMTP_PORT:-13525}
KC_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
BENCH=$PWD/.run/bench
ZIP=$PWD/.run/keycloak-quarkus-dist-$KC_VERSION.zip
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

command -v initdb >/dev/null || { echo "error: initdb not found; install PostgreSQL's server (apt-get install -y postgresql)"; exit 1; }
PROVIDERS_JAR=$(ls providers/target/account-lifecycle-providers-*.jar 2>/dev/null | head -n 1)
THEMES_JAR=$(ls themes/target/account-lifecycle-themes-*.jar 2>/dev/null | head -n 1)
[[ -n "$PROVIDERS_JAR" && -n "$THEMES_JAR" ]] || { echo "error: build first: mvn -B -DskipTests package"; exit 1; }

RUN_AS=()
cleanup() {
  [[ -n "${KC_PID:-}" ]] && kill -TERM -- "-$KC_PID" 2>/dev/null || true
  [[ -n "${GM_PID:-}" ]] && kill -TERM "$GM_PID" 2>/dev/null || true
  "${RUN_AS[@]}" pg_ctl -D "$BENCH/pg" -m immediate stop >/dev/null 2>&1 || true
  sleep 2
  cp "$BENCH/keycloak.log" "${TMPDIR:-/tmp}/benchmark-reminders-keycloak.log" 2>/dev/null || true
  rm -rf "$BENCH"
}
trap cleanup EXIT
rm -rf "$BENCH" && mkdir -p "$BENCH"
# PostgreSQL refuses to run as root; run it as nobody when needed
if [[ $(id -u) -eq 0 ]]; then chown nobody "$BENCH"; RUN_AS=(runuser -u nobody --); fi

echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
"${RUN_AS[@]}" initdb -D "$BENCH/pg" -U keycloak --auth=trust >/dev/null
"${RUN_AS[@]}" pg_ctl -D "$BENCH/pg" -o "-p $PG_PORT -k $BENCH -c listen_addresses=127.0.0.1" -l "$BENCH/pg.log" -w start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -qc "create database keycloak" >/dev/null

echo "== Keycloak $KC_VERSION with the bundle (kc.sh build --db=postgres)"
[[ -f "$ZIP" ]] || mvn -B -q -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$PWD/.run"
unzip -q "$ZIP" -d "$BENCH"
KC=$BENCH/keycloak-$KC_VERSION
cp "$PROVIDERS_JAR" "$THEMES_JAR" "$KC/providers/"
"$KC/bin/kc.sh" build --db=postgres >"$BENCH/build.log" 2>&1
java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" -Dgreenmail.auth.disabled \
  -jar "$(ls .run/greenmail-standalone-*.jar 2>/dev/null | head -n 1 || echo missing.jar)" >"$BENCH/greenmail.log" 2>&1 &
GM_PID=$!
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$MGMT_PORT" >"$BENCH/keycloak.log" 2>&1 &
KC_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done

token() {
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$PW" \
    "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])'
}
curl -sf -X POST "http://127.0.0.1:$KC_PORT/admin/realms" -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' \
  -d "{\"realm\":\"bench\",\"enabled\":true,\"emailTheme\":\"account-lifecycle\",\"passwordPolicy\":\"length(8) and forceExpiredPasswordChange(90)\",
       \"smtpServer\":{\"host\":\"127.0.0.1\",\"port\":\"$SMTP_PORT\",\"from\":\"bench@example.org\"}}"
REALM_ID=$(psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -tAc "select id from realm where name='bench'")

echo "== $USERS activated users, $DUE_PERCENT% of them with a password that expires within 14 days (SQL fixture)"
NOW_MS=$(( $(date +%s) * 1000 ))
psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -q <<SQL
insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'bench-' || g, 'user' || g || '@example.org', 'user' || g || '@example.org', true, true, 'User', 'Bench' || g,
       '$REALM_ID', 'user' || g, $NOW_MS, 0
from generate_series(1, $USERS) g;
insert into credential (id, type, user_id, created_date, secret_data, credential_data, priority, version)
select 'cred-' || g, 'password', 'bench-' || g,
       case when g % (100 / $DUE_PERCENT) = 0 then $NOW_MS - 80::bigint * 86400000 else $NOW_MS - 10::bigint * 86400000 end,
       '{}', '{}', 10, 0
from generate_series(1, $USERS) g;
-- every user went through activation, as in a realm that invites its users
insert into user_attribute (id, name, value, user_id)
select 'ua-' || g, 'accountLifecycle.activation.status', 'activated', 'bench-' || g
from generate_series(1, $USERS) g;
analyze user_entity; analyze credential; analyze user_attribute;
SQL

echo "== one reminder scan (POST password-reminders/run)"
curl -s -X POST "http://127.0.0.1:$KC_PORT/admin/realms/bench/account-lifecycle/password-reminders/run" -H "Authorization: Bearer $(token)"
echo
echo "== a second scan (nothing left to send)"
curl -sf -X POST "http://127.0.0.1:$KC_PORT/admin/realms/bench/account-lifecycle/password-reminders/run" -H "Authorization: Bearer $(token)"
echo
echo "== the plan of the scan's band query (the SQL of KeycloakTables.dueForReminder, band 14 to 7 days, before marking)"
FROM_MS=$(( NOW_MS - 90 * 86400000 + 7 * 86400000 ))
TO_MS=$(( NOW_MS - 90 * 86400000 + 14 * 86400000 ))
psql -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d keycloak -c "begin" -c "delete from al_password_reminder" -c "explain analyze
select c.user_id, c.created_date, u.email,
       (select max(a.value) from user_attribute a where a.user_id = u.id and a.name = 'accountLifecycle.activation.status')
from credential c join user_entity u on u.id = c.user_id
where u.realm_id = '$REALM_ID' and u.enabled = true and c.type = 'password' and u.service_account_client_link is null
  and c.created_date > $FROM_MS and c.created_date <= $TO_MS
  and not exists (select 1 from al_password_reminder r where r.user_id = c.user_id and r.password_created = c.created_date and r.threshold_days <= 14)
order by c.created_date, c.user_id offset 0 rows fetch first 500 rows only" -c "rollback"
