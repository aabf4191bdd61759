#!/usr/bin/env bash
# Benchmark of the Odoo sync against the simulator with a 20 ms round trip, on PostgreSQL, with the bundle
# installed in a stock Keycloak as organisations install it. Prints:
#  - delivery throughput for CHANGES (default 10,000) queued user changes (users new to Odoo);
#  - a full-realm re-sync of USERS (default 100,000) users;
#  - the latency from a Keycloak change (admin REST) to Odoo;
#  - the admin user-create latency with the bundle's listener on (and the sync enabled) versus off, side by side.
#
#   mvn -B -DskipTests package && scripts/benchmark-odoo.sh
#   PARTS=resync scripts/benchmark-odoo.sh      # only the delivery and the re-sync parts
#   KC_OPTS="--spi-events-listener--account-lifecycle--odoo-batch-size=500" scripts/benchmark-odoo.sh   # other options
#   BENCH_PROVIDERS_JAR=/path/to/older/account-lifecycle-providers.jar scripts/benchmark-odoo.sh   # "before"
#
# Needs the PostgreSQL server binaries (initdb, pg_ctl; Debian: postgresql) and psql. Loopback ports only; a
# temporary folder under .run/bench-odoo that is removed again. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-100000}
CHANGES=${CHANGES:-10000}
RTT_MS=${RTT_MS:-20}
CREATES=${CREATES:-300}
PARTS=${PARTS:-all}
PG_PORT=${PG_PORT:-15632}
KC_PORT=${KC_PORT:-18680}
ODOO_PORT=${ODOO_PORT:-18769}
MGMT_PORT=${MGMT_PORT:-$(( KC_PORT + 1000 ))}
WORK=$PWD/.run/bench-odoo
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools
PROVIDERS_JAR=${BENCH_PROVIDERS_JAR:-$PROVIDERS_JAR}

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak.log" "${TMPDIR:-/tmp}/benchmark-odoo-keycloak.log" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
stack_prepare
stack_postgres
stack_keycloak
echo "   providers jar: $PROVIDERS_JAR"
setsid java -jar "$SIMULATOR_JAR" --port "$ODOO_PORT" --version 19 --rtt-ms "$RTT_MS" >"$WORK/odoo.log" 2>&1 &
PIDS+=($!)
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
  --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
  --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$MGMT_PORT" --cache=local \
  --spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback ${KC_OPTS:-} >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && break; sleep 2; done

export KCURL="http://127.0.0.1:$KC_PORT" ODOO="http://127.0.0.1:$ODOO_PORT" PW USERS CHANGES CREATES PG_PORT RTT_MS PARTS
python3 - <<'PY'
import json, os, subprocess, threading, time, statistics, urllib.request, urllib.error
KC, ODOO = os.environ["KCURL"], os.environ["ODOO"]
USERS, CHANGES, CREATES, RTT = int(os.environ["USERS"]), int(os.environ["CHANGES"]), int(os.environ["CREATES"]), os.environ["RTT_MS"]
def call(method, url, token=None, body=None, form=None):
    data = json.dumps(body).encode() if body is not None else (form.encode() if form else (b"" if method == "POST" else None))
    req = urllib.request.Request(url, data=data, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json" if form is None else "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers
_token = {"value": None, "at": 0}
def token():
    if time.time() - _token["at"] > 30:
        _token["value"] = json.loads(call("POST", KC + "/realms/master/protocol/openid-connect/token",
            form="grant_type=password&client_id=admin-cli&username=admin&password=" + os.environ["PW"])[1])["access_token"]
        _token["at"] = time.time()
    return _token["value"]
def sql(statement):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", os.environ["PG_PORT"], "-U", "keycloak", "-d", "keycloak", "-tAq", "-c", statement],
                          check=True, capture_output=True, text=True).stdout.strip()
def status(realm):
    return json.loads(call("GET", f"{KC}/admin/realms/{realm}/account-lifecycle/odoo/status", token())[1])
def wait_empty(realm, limit=3600):
    start = time.time()
    while time.time() - start < limit:
        s = status(realm)
        if s["pending"] == 0:
            return s
        time.sleep(0.2)
    raise SystemExit(f"outbox of {realm} not empty after {limit} s: {status(realm)}")

for realm, listeners in (("bench", ["jboss-logging", "account-lifecycle"]), ("plain", ["jboss-logging"])):
    call("POST", KC + "/admin/realms", token(), {"realm": realm, "enabled": True, "eventsListeners": listeners})
s, body, _ = call("PUT", KC + "/admin/realms/bench/account-lifecycle/odoo/config", token(), {
    "enabled": True, "url": ODOO, "database": "odoo", "login": "admin", "apiKey": "sim-api-key", "transport": "json2", "maxAttempts": 20})
assert s == 200, body
realm_id = sql("select id from realm where name='bench'")
now = int(time.time() * 1000)
print(f"== {USERS} users in realm bench (SQL fixture)")
sql(f"""insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'b-' || g, 'b' || g || '@example.org', 'b' || g || '@example.org', true, true, 'Bench', 'User' || g, '{realm_id}', 'b' || g, {now}, 0
from generate_series(1, {USERS}) g""")
sql("analyze user_entity")

print(f"== {CHANGES} queued changes of users new to Odoo (outbox rows), Odoo round trip {RTT} ms")
sql(f"""insert into al_odoo_outbox (id, realm_id, user_id, change_kind, created_at, attempts, next_attempt_at, status)
select 'o-' || g, '{realm_id}', 'b-' || g, 'updated', {now}, 0, {now}, 'PENDING' from generate_series(1, {CHANGES}) g""")
t0 = time.time()
wait_empty("bench")
took = time.time() - t0
print(f"   delivered {CHANGES} changes in {took:.1f} s: {CHANGES / took:.0f} changes/s")
state = json.loads(call("GET", ODOO + "/_sim/state")[1])
print(f"   Odoo calls: {state['calls']}")

print(f"== full re-sync of the realm ({USERS} users; {CHANGES} already in Odoo)")
t0 = time.time()
s, body, _ = call("POST", KC + "/admin/realms/bench/account-lifecycle/odoo/resync", token())
assert s == 202, body
while json.loads(call("GET", KC + "/admin/realms/bench/account-lifecycle/odoo/resync", token())[1])["status"] != "done":
    time.sleep(0.5)
queued = time.time() - t0
wait_empty("bench")
took = time.time() - t0
users_in_odoo = len(json.loads(call("GET", ODOO + "/_sim/users")[1])) - 1
print(f"   queued in {queued:.1f} s, all delivered in {took:.1f} s: {USERS / took:.0f} users/s; Odoo now has {users_in_odoo} users")
if os.environ["PARTS"] == "resync":
    raise SystemExit(0)

print(f"== latency from an admin change to Odoo (20 single changes, one at a time; includes the {RTT} ms round trip of each check)")
latencies = []
for i in range(20):
    uid = f"b-{i + 1}"
    name = f"Latency{i}"
    s, body, _ = call("PUT", f"{KC}/admin/realms/bench/users/{uid}", token(), {"lastName": name})
    assert s == 204, body
    t0 = time.time()
    while True:  # ask Odoo the way a client would: one indexed search over JSON-2
        req = urllib.request.Request(ODOO + "/json/2/res.users/search_read", method="POST",
            data=json.dumps({"domain": [["oauth_uid", "=", uid]], "fields": ["name"], "context": {"active_test": False}}).encode(),
            headers={"Authorization": "bearer sim-api-key", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            rows = json.loads(r.read())
        if rows and rows[0]["name"] == f"Bench {name}":
            break
        time.sleep(0.01)
    latencies.append((time.time() - t0) * 1000)
latencies.sort()
print(f"   median {statistics.median(latencies):.0f} ms, p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms, max {latencies[-1]:.0f} ms")

print(f"== admin user create latency, listener on (sync enabled) vs off, {CREATES} each, alternating")
times = {"bench": [], "plain": []}
for i in range(CREATES):
    for realm in ("bench", "plain"):
        t0 = time.time()
        s, body, _ = call("POST", f"{KC}/admin/realms/{realm}/users", token(), {
            "username": f"create{i}", "email": f"create{i}@example.org", "firstName": "Create", "lastName": f"Latency{i}", "enabled": True})
        times[realm].append((time.time() - t0) * 1000)
        assert s == 201, body
for realm, label in (("bench", "listener on "), ("plain", "listener off")):
    t = sorted(times[realm][10:])  # the first ten warm up
    print(f"   {label}: median {statistics.median(t):.1f} ms, p95 {t[int(len(t) * 0.95) - 1]:.1f} ms")
on, off = statistics.median(sorted(times["bench"][10:])), statistics.median(sorted(times["plain"][10:]))
print(f"   difference of the medians: {(on - off) / off * 100:+.1f}%")
PY
