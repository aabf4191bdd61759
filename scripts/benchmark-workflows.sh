#!/usr/bin/env bash
# Benchmark of the lifecycle policies on Keycloak's Workflows: a realm of USERS users (default 100,000) of which
# MATCH_PERCENT (default 1) match a shipped policy, on PostgreSQL, with the bundle installed in a stock Keycloak as
# organisations install it. For each of two shipped policies, switched on with a 1-second schedule, it prints when
# the first matching user was handled (Keycloak's first scheduled run) and how long from then until the last one:
#  - never-activated: pending invitations found and enrolled (their first step is 30 days later);
#  - contract-end: users whose contractEnd has passed disabled, and their sessions ended, at once.
# Then the plan of the selection query the conditions build, and the hygiene report on the same realm: the time to
# stream the whole CSV and to read the first JSON page, with login events on (1% of the users last seen 200 days
# ago) and off (the report then asks each of those users' sessions). Not a test: it asserts nothing.
# WORKFLOW_TASK_TIMEOUT_MS sets Keycloak's spi-workflow--default--executor-task-timeout (Keycloak's default: 5000).
#
#   mvn -B -DskipTests package && scripts/benchmark-workflows.sh
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql) and psql. Loopback ports only
# (BENCH_*_PORT to change them); a temporary folder under .run/bench-workflows that is removed again.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-100000}
MATCH_PERCENT=${MATCH_PERCENT:-1}
PG_PORT=${BENCH_PG_PORT:-15442}
KC_PORT=${BENCH_KC_PORT:-18490}
MGMT_PORT=${BENCH_MANAGEMENT_PORT:-19490}
TASK_TIMEOUT=${WORKFLOW_TASK_TIMEOUT_MS:-5000}
WORK=$PWD/.run/bench-workflows
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak.log" "${TMPDIR:-/tmp}/benchmark-workflows-keycloak.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stack_prepare
stack_postgres
stack_keycloak
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$MGMT_PORT" --spi-workflow--default--executor-task-timeout="$TASK_TIMEOUT" \
  >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done
curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null || { tail -n 30 "$WORK/keycloak.log"; exit 1; }

token() {
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$PW" \
    "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])'
}
curl -sf -X POST "http://127.0.0.1:$KC_PORT/admin/realms" -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' \
  -d '{"realm":"bench","enabled":true}'
REALM_ID=$(sql -c "select id from realm where name='bench'")

EVERY=$(( 100 / MATCH_PERCENT ))
MATCHING=$(( USERS / EVERY ))
echo "== $USERS users (SQL fixture): $MATCHING with a pending invitation, $MATCHING others with a contractEnd in the past"
NOW_MS=$(( $(date +%s) * 1000 ))
EXPIRES=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)
PAST=$(date -u -d '-3 days' +%Y-%m-%d); FUTURE=$(date -u -d '+300 days' +%Y-%m-%d)
sql <<SQL
insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'wb-' || g, 'user' || g || '@example.org', 'user' || g || '@example.org', true, true, 'User', 'Bench' || g,
       '$REALM_ID', 'user' || g, $NOW_MS, 0
from generate_series(1, $USERS) g;
-- everyone went through activation except the pending ones; every tenth user has a contractEnd
insert into user_attribute (id, name, value, user_id)
select 'wbs-' || g, 'accountLifecycle.activation.status', case when g % $EVERY = 0 then 'pending' else 'activated' end, 'wb-' || g
from generate_series(1, $USERS) g;
insert into user_attribute (id, name, value, user_id)
select 'wbe-' || g, 'accountLifecycle.activation.expiresAt', '$EXPIRES', 'wb-' || g
from generate_series(1, $USERS) g where g % $EVERY = 0;
insert into user_attribute (id, name, value, user_id)
select 'wbc-' || g, 'contractEnd', case when g % $EVERY = 1 then '$PAST' else '$FUTURE' end, 'wb-' || g
from generate_series(1, $USERS) g where g % 10 = 1;
analyze user_entity; analyze user_attribute;
SQL

# Switches a shipped policy on with a 1-second schedule, then waits until COUNT_SQL reaches the number of matching
# users; prints when the first user was handled (Keycloak's first scheduled run of the policy) and the time from
# then to the last user handled.
measure() { # policy-file label count-sql
  local yaml started first="" now count
  yaml=$(sed -e 's/enabled: false/enabled: true/' -e 's/^\(  after: \).*/\11s/' "realm-config/workflows/$1")
  started=$(date +%s%N)
  curl -sf -X POST "http://127.0.0.1:$KC_PORT/admin/realms/bench/workflows" -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/yaml' --data-binary "$yaml" >/dev/null
  for _ in $(seq 1 1200); do
    count=$(sql -c "$3")
    [[ -z "$first" && "$count" -gt 0 ]] && first=$(date +%s%N)
    [[ "$count" -ge "$MATCHING" ]] && break
    sleep 0.1
  done
  now=$(date +%s%N)
  echo "   $2: $count of $MATCHING users handled; the first $(( (${first:-$now} - started) / 1000000 )) ms after the" \
    "policy was created, the last $(( (now - ${first:-$now}) / 1000000 )) ms after the first"
}
echo "== Keycloak's workflow task timeout: $TASK_TIMEOUT ms"
echo "== never-activated: enrol the pending invitations"
measure never-activated.yaml "never-activated" \
  "select count(*) from workflow_state s join user_entity u on u.id = s.resource_id where u.realm_id = '$REALM_ID'"
echo "== contract-end: disable the users whose contract ended, and end their sessions"
measure contract-end.yaml "contract-end" \
  "select count(*) from user_entity where realm_id = '$REALM_ID' and enabled = false"
echo "   users disabled that should not be: $(sql -c "select count(*) from user_entity u where u.realm_id = '$REALM_ID' and u.enabled = false
   and not exists (select 1 from user_attribute a where a.user_id = u.id and a.name = 'contractEnd' and a.value = '$PAST')")"

echo "== the plan of the never-activated selection (the conditions' predicates as Keycloak's query uses them)"
sql -c "explain analyze
select u.id from user_entity u
where u.realm_id = '$REALM_ID' and u.enabled = true
  and exists (select a.name from user_attribute a where a.user_id = u.id and a.name = 'accountLifecycle.activation.status' and a.value = 'pending')
  and not exists (select 1 from workflow_state s where s.resource_id = u.id and s.workflow_id = 'none')
limit 1000" | sed 's/^/   /'
echo "   workflow tasks that timed out: $(grep -c 'Timeout occurred while processing workflow task' "$WORK/keycloak.log" || true)"

echo "== hygiene report: $USERS users, of which $MATCHING pending invitations and $MATCHING last seen 200 days ago"
OLD_MS=$(( NOW_MS - 200 * 86400 * 1000 ))
sql -c "update user_entity set created_timestamp = $OLD_MS where realm_id = '$REALM_ID' and id in
  (select 'wb-' || g from generate_series(1, $USERS) g where g % $EVERY = 2)" >/dev/null
REPORT=http://127.0.0.1:$KC_PORT/admin/realms/bench/account-lifecycle/reports/hygiene
report() { # label events-enabled
  curl -sf -X PUT "http://127.0.0.1:$KC_PORT/admin/realms/bench" -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/json' -d "{\"eventsEnabled\": $2, \"eventsExpiration\": 0}"
  local t csv json
  t=$(token)
  csv=$(curl -sf -o "$WORK/hygiene.csv" -w '%{time_total}' -H "Authorization: Bearer $t" "$REPORT?format=csv")
  json=$(curl -sf -o "$WORK/hygiene.json" -w '%{time_total}' -H "Authorization: Bearer $t" "$REPORT?max=100")
  echo "   $1: whole CSV $(( $(wc -l <"$WORK/hygiene.csv") - 1 )) rows ($(wc -c <"$WORK/hygiene.csv") bytes) in ${csv} s;" \
    "first JSON page of 100 rows in ${json} s"
  echo "     rows by kind: $(tail -n +2 "$WORK/hygiene.csv" | cut -d, -f1 | sort | uniq -c | awk '{printf "%s %s; ", $2, $1}')"
}
report "login events on " true
report "login events off" false
