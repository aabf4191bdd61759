#!/usr/bin/env bash
# A rolling upgrade in a two-node cluster: node A runs the previous bundle, node B the current build, both on one
# PostgreSQL in one Infinispan cluster (JDBC_PING over loopback), for the duration of an upgrade. Checks that
#  - password reminders go out exactly once per user while both nodes scan every few seconds and an admin starts
#    a scan on both at the same moment;
#  - user changes made on both nodes reach Odoo (the simulator) once each, in their final state.
#
#   mvn -B -DskipTests package && scripts/rolling-upgrade-check.sh
#
# PREVIOUS_REF is built from git into .run/upgrade, as scripts/upgrade-check.sh does. Without it, each of
# PREVIOUS_REFS in turn: bf93f85, the last snapshot before the dated changelogs, and 17953f5, release 0.2.0 (tag
# v0.2.0; named by its commit, since a clone may come without tags). Not from versions before 2026-11-23: they kept sent reminders elsewhere (README,
# Upgrading the bundle). Needs what scripts/cluster-check.sh needs, and git. Loopback ports only.
set -euo pipefail
cd "$(dirname "$0")/.."

PREVIOUS_REFS=${PREVIOUS_REFS:-"bf93f85 17953f5"}
if [[ -z "${PREVIOUS_REF:-}" ]]; then
  rc=0
  for ref in $PREVIOUS_REFS; do PREVIOUS_REF=$ref bash "$0" || rc=1; done
  exit "$rc"
fi
DUE_USERS=${DUE_USERS:-30}
SYNC_USERS=${SYNC_USERS:-40}
PG_PORT=${ROLLING_PG_PORT:-16032}
NODE_A_PORT=${ROLLING_NODE_A_PORT:-18480}
NODE_B_PORT=${ROLLING_NODE_B_PORT:-18481}
SMTP_PORT=${ROLLING_SMTP_PORT:-13425}
MAIL_API_PORT=${ROLLING_MAIL_PORT:-18425}
ODOO_PORT=${ROLLING_ODOO_PORT:-18569}
GREENMAIL_VERSION=${GREENMAIL_VERSION:-2.1.8}
BASE=$PWD/.run/rolling
WORK=$BASE
PREV_SRC=$PWD/.run/upgrade/previous-$PREVIOUS_REF
GREENMAIL_JAR=$PWD/.run/greenmail-standalone-$GREENMAIL_VERSION.jar
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools

echo "== node A: the previous bundle $PREVIOUS_REF ($(git log -1 --format=%s "$PREVIOUS_REF" | cut -c1-70)); node B: this build"
if [[ ! -d "$PREV_SRC/providers/target" ]]; then
  rm -rf "$PREV_SRC" && mkdir -p "$PREV_SRC"
  git archive "$PREVIOUS_REF" | tar -x -C "$PREV_SRC"
  (cd "$PREV_SRC" && mvn -B -q -DskipTests package -pl providers,themes -am >"$PREV_SRC/build.log" 2>&1) \
    || { tail -n 20 "$PREV_SRC/build.log"; exit 1; }
fi

cleanup() {
  stack_cleanup
  for f in a/node-a.log b/node-b.log; do cp "$BASE/$f" "${TMPDIR:-/tmp}/rolling-upgrade-$(basename "$f")" 2>/dev/null || true; done
  rm -rf "$BASE"
}
trap cleanup EXIT
mkdir -p .run
stack_prepare
mkdir -p "$BASE/a" "$BASE/b"
stack_postgres
WORK=$BASE/a PROVIDERS_JAR=$(ls "$PREV_SRC"/providers/target/account-lifecycle-providers-*.jar | head -n 1) \
  THEMES_JAR=$(ls "$PREV_SRC"/themes/target/account-lifecycle-themes-*.jar | head -n 1) stack_keycloak
KC_A=$BASE/a/keycloak-$KC_VERSION
WORK=$BASE/b stack_keycloak
KC_B=$BASE/b/keycloak-$KC_VERSION
[[ -s "$GREENMAIL_JAR" ]] || mvn -B -q -N dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$PWD/.run"
setsid java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" -Dgreenmail.auth.disabled \
  -jar "$GREENMAIL_JAR" >"$BASE/greenmail.log" 2>&1 &
PIDS+=($!)
setsid java -jar "$SIMULATOR_JAR" --port "$ODOO_PORT" --version 19 --rtt-ms 5 >"$BASE/odoo.log" 2>&1 &
PIDS+=($!)

start_node() { # kc-home log http-port jgroups-port
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$1/bin/kc.sh" start --optimized \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
    --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$3" \
    --http-management-port="$(( $3 + 1000 ))" \
    --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$4" \
    --spi-events-listener--account-lifecycle--password-reminder-interval=5 \
    --spi-events-listener--account-lifecycle--odoo-backoff-base-millis=500 \
    --spi-events-listener--account-lifecycle--odoo-backoff-cap-millis=3000 \
    --spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback >"$2" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$3/realms/master" >/dev/null && return 0
    sleep 2
  done
  echo "error: the node on :$3 did not start; last lines of its log:"; tail -n 30 "$2"; exit 1
}

echo "== node A (previous bundle) on :$NODE_A_PORT"
start_node "$KC_A" "$BASE/a/node-a.log" "$NODE_A_PORT" 7910
echo "== node B (this build) on :$NODE_B_PORT joins while A runs; it applies the new changesets"
start_node "$KC_B" "$BASE/b/node-b.log" "$NODE_B_PORT" 7911
for _ in $(seq 1 30); do grep -q "ISPN000094.*(2)" "$BASE/b/node-b.log" && break; sleep 2; done
grep -q "ISPN000094.*(2)" "$BASE/b/node-b.log" || { echo "error: the nodes did not form one cluster"; exit 1; }
echo "ok: one cluster of two nodes, one on each bundle version"

export NODE_A="http://127.0.0.1:$NODE_A_PORT" NODE_B="http://127.0.0.1:$NODE_B_PORT" PW SMTP_PORT DUE_USERS SYNC_USERS
export MAIL="http://127.0.0.1:$MAIL_API_PORT" ODOO="http://127.0.0.1:$ODOO_PORT"
cat > "$BASE/check.py" <<'PY'
import json, os, sys, threading, time, urllib.request, urllib.error
A, B, MAIL, ODOO = os.environ["NODE_A"], os.environ["NODE_B"], os.environ["MAIL"], os.environ["ODOO"]
def call(method, url, token=None, body=None, form=None):
    data = json.dumps(body).encode() if body is not None else (form.encode() if form else (b"" if method == "POST" else None))
    req = urllib.request.Request(url, data=data, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json" if form is None else "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers
def token(node):
    return json.loads(call("POST", node + "/realms/master/protocol/openid-connect/token",
                           form="grant_type=password&client_id=admin-cli&username=admin&password=" + os.environ["PW"])[1])["access_token"]
step = sys.argv[1]
if step == "realm":
    s, b, _ = call("POST", A + "/admin/realms", token(A), {
        "realm": "rolling", "enabled": True, "emailTheme": "account-lifecycle",
        "passwordPolicy": "length(8) and forceExpiredPasswordChange(90)",
        "eventsListeners": ["jboss-logging", "account-lifecycle"],
        "smtpServer": {"host": "127.0.0.1", "port": os.environ["SMTP_PORT"], "from": "rolling@example.org"}})
    if s != 201: sys.exit(f"FAILED: realm {s} {b}")
    s, b, _ = call("PUT", B + "/admin/realms/rolling/account-lifecycle/odoo/config", token(B), {
        "enabled": True, "url": ODOO, "database": "odoo", "login": "admin", "apiKey": "sim-api-key",
        "transport": "json2", "maxAttempts": 30})
    if s != 200: sys.exit(f"FAILED: odoo config {s} {b}")
elif step == "reminders":
    for node in (A, B):
        call("POST", node + "/admin/realms/rolling/clear-user-cache", token(node))
    answers = {}
    def run(node, name):
        answers[name] = call("POST", node + "/admin/realms/rolling/account-lifecycle/password-reminders/run", token(node))[:2]
    threads = [threading.Thread(target=run, args=(A, "A")), threading.Thread(target=run, args=(B, "B"))]
    [t.start() for t in threads]; [t.join() for t in threads]
    for name in ("A", "B"):
        print(f"   POST run on node {name}: {answers[name][0]} {answers[name][1][:120]}")
    time.sleep(20)  # several scheduled scans on both nodes
    n = int(os.environ["DUE_USERS"])
    counts = {}
    for i in range(1, n + 1):
        s, body, _ = call("GET", f"{MAIL}/api/user/rl{i}@example.org/messages/INBOX")
        counts[i] = len(json.loads(body)) if s == 200 else 0
    wrong = {i: c for i, c in counts.items() if c != 1}
    if wrong: sys.exit(f"FAILED: users without exactly one reminder during the rolling upgrade: {dict(list(wrong.items())[:10])}")
    print(f"ok: each of the {n} due users got exactly one reminder from the mixed cluster")
elif step == "odoo":
    n, ids, lock = int(os.environ["SYNC_USERS"]), [], threading.Lock()
    def create(i):
        node = A if i % 2 == 0 else B
        s, body, headers = call("POST", node + "/admin/realms/rolling/users", token(node), {
            "username": f"sync{i}", "email": f"sync{i}@example.org", "firstName": "Sync", "lastName": f"First{i}", "enabled": True})
        if s != 201: sys.exit(f"FAILED: create {s} {body}")
        with lock: ids.append((i, headers["Location"].rsplit("/", 1)[1]))
    threads = [threading.Thread(target=create, args=(i,)) for i in range(n)]
    [t.start() for t in threads]; [t.join() for t in threads]
    for i, uid in ids:  # each changed again on the other node
        node = B if i % 2 == 0 else A
        s, body, _ = call("PUT", node + f"/admin/realms/rolling/users/{uid}", token(node), {"lastName": f"Final{i}"})
        if s != 204: sys.exit(f"FAILED: update {s} {body}")
    deadline = time.time() + 120
    while time.time() < deadline:
        users = [u for u in json.loads(call("GET", ODOO + "/_sim/users")[1]) if str(u["login"]).startswith("sync")]
        by_uid = {}
        for u in users: by_uid.setdefault(u["oauth_uid"], []).append(u)
        if all(uid in by_uid and by_uid[uid][0]["name"] == f"Sync Final{i}" for i, uid in ids): break
        time.sleep(1)
    time.sleep(3)
    users = [u for u in json.loads(call("GET", ODOO + "/_sim/users")[1]) if str(u["login"]).startswith("sync")]
    by_uid = {}
    for u in users: by_uid.setdefault(u["oauth_uid"], []).append(u)
    dup = {k: len(v) for k, v in by_uid.items() if len(v) > 1}
    wrong = [(i, uid) for i, uid in ids if uid not in by_uid or by_uid[uid][0]["name"] != f"Sync Final{i}"]
    if dup or wrong or len(users) != len(ids):
        sys.exit(f"FAILED: Odoo has {len(users)} for {len(ids)} users; duplicates {dup}; not converged {wrong[:5]}")
    print(f"ok: {len(ids)} users changed on both nodes reached Odoo once each, in their final state")
PY
python3 "$BASE/check.py" realm
REALM_ID=$(sql -c "select id from realm where name='rolling'")
NOW_MS=$(( $(date +%s) * 1000 ))
echo "== $DUE_USERS users whose password expires in 10 days (SQL fixture, as scripts/cluster-check.sh)"
sql <<SQL
insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'rl-' || g, 'rl' || g || '@example.org', 'rl' || g || '@example.org', true, true, 'Roll', 'Ing' || g, '$REALM_ID', 'rl' || g, $NOW_MS, 0
from generate_series(1, $DUE_USERS) g;
insert into credential (id, type, user_id, created_date, secret_data, credential_data, priority, version)
select 'rlc-' || g, 'password', 'rl-' || g, $NOW_MS - 80::bigint * 86400000, '{}', '{}', 10, 0
from generate_series(1, $DUE_USERS) g;
SQL
echo "== reminders: both nodes scan every 5 s, and an admin starts a scan on both at once"
python3 "$BASE/check.py" reminders
RECORDED=$(sql -c "select count(*) from al_password_reminder where realm_id = '$REALM_ID'")
[[ "$RECORDED" == "$DUE_USERS" ]] || { echo "FAILED: $RECORDED reminders recorded for $DUE_USERS users"; exit 1; }
echo "ok: $RECORDED reminders recorded, one per user"
echo "== the Odoo sync with one node on each version polling one outbox"
python3 "$BASE/check.py" odoo
