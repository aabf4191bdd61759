#!/usr/bin/env bash
# Benchmark of the invitation list (GET /admin/realms/{realm}/account-lifecycle/invitations): a realm with USERS
# (default 100,000) invited users on PostgreSQL, with the bundle installed in a stock Keycloak as organisations
# install it. Prints the median and slowest answer time of several pages, as an admin who may view every user,
# and the plans of the page and count queries.
#
#   mvn -B -DskipTests package && scripts/benchmark-invitations.sh
#   BENCH_PROVIDERS_JAR=/path/to/older/account-lifecycle-providers.jar scripts/benchmark-invitations.sh   # "before"
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql) and psql. Loopback ports only; a
# temporary folder under .run/bench-invitations that is removed again. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-100000}
RUNS=${RUNS:-7}
PG_PORT=${PG_PORT:-31432}
KC_PORT=${KC_PORT:-31480}
WORK=$PWD/.run/bench-invitations
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools
PROVIDERS_JAR=${BENCH_PROVIDERS_JAR:-$PROVIDERS_JAR}

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak.log" "${TMPDIR:-/tmp}/benchmark-invitations-keycloak.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stack_prepare
stack_postgres
stack_keycloak
echo "   providers jar: $PROVIDERS_JAR"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$(( KC_PORT + 10 ))" --cache=local >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done

token() {
  curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$PW" \
    "http://127.0.0.1:$KC_PORT/realms/master/protocol/openid-connect/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])'
}
curl -sf -X POST "http://127.0.0.1:$KC_PORT/admin/realms" -H "Authorization: Bearer $(token)" -H 'Content-Type: application/json' \
  -d '{"realm":"bench","enabled":true}'
REALM_ID=$(sql -c "select id from realm where name='bench'")

echo "== $USERS invited users by SQL: 80% activated, 10% pending, 5% pending with a lapsed link, 5% marked expired (then VACUUM ANALYZE, as autovacuum does after a bulk insert)"
NOW_S=$(date +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
SENT=$(iso $(( NOW_S - 86400 ))) FUTURE=$(iso $(( NOW_S + 2 * 86400 ))) PAST=$(iso $(( NOW_S - 3600 )))
sql <<SQL
insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'bench-' || g, 'user' || g || '@example.org', 'user' || g || '@example.org', true, true, 'User', 'Bench' || g,
       '$REALM_ID', 'user' || g, ${NOW_S}000, 0
from generate_series(1, $USERS) g;
insert into user_attribute (id, name, value, user_id)
select 'st-' || g, 'accountLifecycle.activation.status',
       case when g % 20 < 16 then 'activated' when g % 20 = 19 then 'expired' else 'pending' end, 'bench-' || g
from generate_series(1, $USERS) g;
insert into user_attribute (id, name, value, user_id)
select 'se-' || g, 'accountLifecycle.activation.sentAt', '$SENT', 'bench-' || g from generate_series(1, $USERS) g;
insert into user_attribute (id, name, value, user_id)
select 'ex-' || g, 'accountLifecycle.activation.expiresAt', case when g % 20 in (16, 17) then '$FUTURE' else '$PAST' end, 'bench-' || g
from generate_series(1, $USERS) g where g % 20 >= 16;
insert into user_attribute (id, name, value, user_id)
select 'ac-' || g, 'accountLifecycle.activation.activatedAt', '$SENT', 'bench-' || g from generate_series(1, $USERS) g where g % 20 < 16;
vacuum analyze user_entity; vacuum analyze user_attribute;
SQL

echo "== GET invitations as the master admin: $RUNS runs per page after one warm-up, answer times in ms"
export KCURL="http://127.0.0.1:$KC_PORT" RUNS USERS PW
python3 - <<'PY'
import json, os, statistics, time, urllib.parse, urllib.request
KC, RUNS, USERS = os.environ["KCURL"], int(os.environ["RUNS"]), int(os.environ["USERS"])
def token():
    form = urllib.parse.urlencode({"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                                   "password": os.environ["PW"]}).encode()
    with urllib.request.urlopen(f"{KC}/realms/master/protocol/openid-connect/token", form) as r:
        return json.loads(r.read())["access_token"]
def get(query):
    req = urllib.request.Request(f"{KC}/admin/realms/bench/account-lifecycle/invitations{query}")
    req.add_header("Authorization", "Bearer " + token())
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        body = json.loads(r.read())
    return (time.perf_counter() - start) * 1000, body
pages = ["", "?status=pending", "?status=expired", "?status=activated&max=500", f"?first={USERS // 2}&max=100"]
print(f"{'page':32} {'median':>8} {'slowest':>8}  total  items  counts")
for query in pages:
    get(query)
    times = []
    for _ in range(RUNS):
        ms, body = get(query)
        times.append(ms)
    print(f"{query or '(first page, 100)':32} {statistics.median(times):8.1f} {max(times):8.1f}  {body['total']:5}  {len(body['items']):5}  {body['counts']}")
PY

echo "== the plans (the SQL of InvitationQueries: the first page of all, of expired)"
NOW_ISO=$(iso "$(date +%s)")
FROM="from user_entity u join user_attribute s on s.user_id = u.id
  left join user_attribute e on e.user_id = u.id and e.name = 'accountLifecycle.activation.expiresAt'
  where u.realm_id = '$REALM_ID' and s.name = 'accountLifecycle.activation.status'"
sql -c "explain analyze select u.id, u.username $FROM and s.value in ('pending', 'expired', 'activated')
  order by u.username offset 0 rows fetch first 100 rows only"
sql -c "explain analyze select u.id, u.username $FROM and (s.value = 'expired' or (s.value = 'pending' and e.value <= '$NOW_ISO'))
  order by u.username offset 0 rows fetch first 100 rows only"
echo "== the counts (InvitationQueries.counts): every realm's, the lapsed links, minus the other realms'"
sql -c "explain analyze select s.value, count(*) from user_attribute s
  where s.name = 'accountLifecycle.activation.status' and s.value in ('pending', 'expired', 'activated') group by s.value"
sql -c "explain analyze select count(*) from user_attribute s join user_attribute e on e.user_id = s.user_id
  where s.name = 'accountLifecycle.activation.status' and s.value = 'pending'
  and e.name = 'accountLifecycle.activation.expiresAt' and e.value <= '$NOW_ISO'"
sql -c "explain analyze select s.value, count(*), sum(case when e.value <= '$NOW_ISO' then 1 else 0 end)
  from user_entity u join user_attribute s on s.user_id = u.id
  left join user_attribute e on e.user_id = u.id and e.name = 'accountLifecycle.activation.expiresAt'
  where (u.realm_id < '$REALM_ID' or u.realm_id > '$REALM_ID')
  and s.name = 'accountLifecycle.activation.status' and s.value in ('pending', 'expired', 'activated') group by s.value"
