#!/usr/bin/env bash
# An upgrade between bundle versions, on one database, as an organisation does it: the previous bundle runs on
# a stock Keycloak with PostgreSQL, users get their password reminders, Keycloak stops, the jars are replaced
# with the current build and kc.sh build runs again, Keycloak starts on the same database. Checks that
#  - every user is still there, with the password it had;
#  - no reminder is sent a second time for the same password and threshold (a scan on the new bundle finds none);
#  - a password that becomes due for the next threshold after the upgrade is reminded once;
#  - no Liquibase changeset of the bundle runs twice;
#  - when the previous bundle has the Odoo outbox: rows left pending by it (Odoo down) reach Odoo once after the
#    upgrade.
#
#   mvn -B -DskipTests package && scripts/upgrade-check.sh
#
# PREVIOUS_REF (a git tag or commit of this repository) is the previous bundle; it is built from git into
# .run/upgrade. Without it, each of PREVIOUS_REFS in turn: the last snapshot that kept sent reminders in a user
# attribute (before the table AL_PASSWORD_REMINDER), and the last one with the Odoo changesets inline in
# odoo-changelog-master.xml (before the dated files), and the last release (v0.2.0). Needs the PostgreSQL server binaries (initdb, pg_ctl), psql, python3 and git.
# Loopback ports only; a folder under .run/upgrade that is removed again.
set -euo pipefail
cd "$(dirname "$0")/.."

# f3e2871: sent reminders still in a user attribute; bf93f85: the Odoo outbox, with its changesets inline;
# 17953f5: release 0.2.0 (tag v0.2.0; named by its commit, since a clone may come without tags)
PREVIOUS_REFS=${PREVIOUS_REFS:-"f3e2871 bf93f85 17953f5"}
if [[ -z "${PREVIOUS_REF:-}" ]]; then
  rc=0
  for ref in $PREVIOUS_REFS; do PREVIOUS_REF=$ref bash "$0" || rc=1; done
  exit "$rc"
fi
USERS=${UPGRADE_USERS:-20}
KC_PORT=${UPGRADE_KC_PORT:-18385}
MGMT_PORT=${UPGRADE_MANAGEMENT_PORT:-19305}
PG_PORT=${UPGRADE_PG_PORT:-15932}
SMTP_PORT=${UPGRADE_SMTP_PORT:-13325}
MAIL_API_PORT=${UPGRADE_MAIL_PORT:-18325}
ODOO_PORT=${UPGRADE_ODOO_PORT:-18469}
GREENMAIL_VERSION=${GREENMAIL_VERSION:-2.1.8}
WORK=$PWD/.run/upgrade/run
PREV_SRC=$PWD/.run/upgrade/previous-$PREVIOUS_REF
GREENMAIL_JAR=$PWD/.run/greenmail-standalone-$GREENMAIL_VERSION.jar
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
source scripts/lib/postgres-keycloak.sh
stack_require_tools

echo "== the previous bundle: $PREVIOUS_REF ($(git log -1 --format=%s "$PREVIOUS_REF" | cut -c1-80))"
if [[ ! -d "$PREV_SRC/providers/target" ]]; then
  rm -rf "$PREV_SRC" && mkdir -p "$PREV_SRC"
  git archive "$PREVIOUS_REF" | tar -x -C "$PREV_SRC"
  (cd "$PREV_SRC" && mvn -B -q -DskipTests package -pl providers,themes -am >"$PREV_SRC/build.log" 2>&1) \
    || { tail -n 20 "$PREV_SRC/build.log"; exit 1; }
fi
CURRENT_JARS=("$PROVIDERS_JAR" "$THEMES_JAR")
PREVIOUS_JARS=("$(ls "$PREV_SRC"/providers/target/account-lifecycle-providers-*.jar | head -n 1)"
               "$(ls "$PREV_SRC"/themes/target/account-lifecycle-themes-*.jar | head -n 1)")

cleanup() {
  stack_cleanup
  cp "$WORK/keycloak-previous.log" "$WORK/keycloak-current.log" "${TMPDIR:-/tmp}/" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p .run/upgrade
stack_prepare
stack_postgres
PROVIDERS_JAR=${PREVIOUS_JARS[0]} THEMES_JAR=${PREVIOUS_JARS[1]} stack_keycloak
[[ -s "$GREENMAIL_JAR" ]] || mvn -B -q -N dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$PWD/.run"
setsid java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" -Dgreenmail.auth.disabled \
  -jar "$GREENMAIL_JAR" >"$WORK/greenmail.log" 2>&1 &
PIDS+=($!)

KC_PID=
start_keycloak() { # log name
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$PW setsid "$KC/bin/kc.sh" start --optimized \
    --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" --db-username=keycloak --db-password=unused \
    --http-enabled=true --hostname-strict=false --http-host=127.0.0.1 --http-port="$KC_PORT" \
    --http-management-port="$MGMT_PORT" --cache=local \
    --spi-events-listener--account-lifecycle--odoo-allowed-hosts=loopback >"$WORK/keycloak-$1.log" 2>&1 &
  KC_PID=$!
  PIDS+=("$KC_PID")
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$KC_PORT/realms/master" >/dev/null && return 0
    kill -0 "$KC_PID" 2>/dev/null || break
    sleep 2
  done
  echo "error: Keycloak ($1 bundle) did not start; last lines of its log:"; tail -n 30 "$WORK/keycloak-$1.log"; exit 1
}
stop_keycloak() {
  kill -TERM -- "-$KC_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$KC_PID" 2>/dev/null || return 0; sleep 1; done
  kill -KILL -- "-$KC_PID" 2>/dev/null || true
}

echo "== Keycloak $KC_VERSION with the previous bundle"
start_keycloak previous
export KCURL="http://127.0.0.1:$KC_PORT" MAIL="http://127.0.0.1:$MAIL_API_PORT" PW SMTP_PORT USERS
export ODOO="http://127.0.0.1:$ODOO_PORT" WORK
cat > "$WORK/check.py" <<'PY'
import json, os, sys, time, urllib.request, urllib.error
KC, MAIL, N = os.environ["KCURL"], os.environ["MAIL"], int(os.environ["USERS"])
def call(method, url, token=None, body=None, form=None):
    data = json.dumps(body).encode() if body is not None else (form.encode() if form else (b"" if method == "POST" else None))
    req = urllib.request.Request(url, data=data, method=method)
    if token: req.add_header("Authorization", "Bearer " + token)
    req.add_header("Content-Type", "application/json" if form is None else "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
def token():
    return json.loads(call("POST", KC + "/realms/master/protocol/openid-connect/token",
                           form="grant_type=password&client_id=admin-cli&username=admin&password=" + os.environ["PW"])[1])["access_token"]
def mails(address):
    status, body = call("GET", f"{MAIL}/api/user/{address}/messages/INBOX")
    return len(json.loads(body)) if status == 200 else 0
def counts(prefix):
    return {i: mails(f"{prefix}{i}@example.org") for i in range(1, N + 1)}
def settle(prefix, want, seconds=60):
    deadline, got = time.time() + seconds, {}
    while time.time() < deadline:
        got = counts(prefix)
        if all(c >= want for c in got.values()):
            break
        time.sleep(2)
    time.sleep(5)  # anything sent twice arrives by now
    return counts(prefix)
step = sys.argv[1]
if step == "odoo-pending":  # users created while Odoo answers errors: their rows stay in the outbox
    s, b = call("PUT", KC + "/admin/realms/upgrade/account-lifecycle/odoo/config", token(), {
        "enabled": True, "url": os.environ["ODOO"], "database": "odoo", "login": "admin", "apiKey": "sim-api-key",
        "transport": "json2", "maxAttempts": 50})
    if s != 200: sys.exit(f"FAILED: odoo config {s} {b}")
    ids = []
    for i in range(1, 11):
        s, _ = call("POST", KC + "/admin/realms/upgrade/users", token(), {
            "username": f"odoo{i}", "email": f"odoo{i}@example.org", "firstName": "Od", "lastName": f"Oo{i}", "enabled": True})
        if s != 201: sys.exit(f"FAILED: create odoo{i}: {s}")
    time.sleep(3)
    st = json.loads(call("GET", KC + "/admin/realms/upgrade/account-lifecycle/odoo/status", token())[1])
    print(f"   10 users created while Odoo answers 502: outbox {st}")
    if st.get("pending", 0) < 10: sys.exit("FAILED: expected 10 rows pending")
    sys.exit(0)
if step == "odoo-delivered":
    ids = {u["id"] for u in json.loads(call("GET", KC + "/admin/realms/upgrade/users?search=odoo&max=100", token())[1])}
    deadline, users = time.time() + 90, []
    while time.time() < deadline:
        users = [u for u in json.loads(call("GET", os.environ["ODOO"] + "/_sim/users")[1]) if u["oauth_uid"] in ids]
        if len({u["oauth_uid"] for u in users}) == len(ids): break
        time.sleep(1)
    time.sleep(3)
    users = [u for u in json.loads(call("GET", os.environ["ODOO"] + "/_sim/users")[1]) if u["oauth_uid"] in ids]
    if len(ids) != 10 or len(users) != 10:
        sys.exit(f"FAILED: after the upgrade {len(users)} Odoo users for {len(ids)} pending rows")
    print("ok: the 10 rows the previous bundle left pending reached Odoo once each after the upgrade")
    sys.exit(0)
if step == "realm":
    s, b = call("POST", KC + "/admin/realms", token(), {
        "realm": "upgrade", "enabled": True, "emailTheme": "account-lifecycle",
        "passwordPolicy": "length(8) and forceExpiredPasswordChange(90)",
        "eventsListeners": ["jboss-logging", "account-lifecycle"],
        "smtpServer": {"host": "127.0.0.1", "port": os.environ["SMTP_PORT"], "from": "upgrade@example.org"}})
    sys.exit(0 if s == 201 else f"FAILED: realm {s} {b}")
call("POST", KC + "/admin/realms/upgrade/clear-user-cache", token())  # the fixture is written with SQL
s, b = call("POST", KC + "/admin/realms/upgrade/account-lifecycle/password-reminders/run", token())
print(f"   POST password-reminders/run: {s} {b[:200]}")
if s not in (200, 202):
    sys.exit(f"FAILED: the run answered {s}")
if step == "before":
    got = settle("up", 1)
    if any(c != 1 for c in got.values()):
        sys.exit(f"FAILED: before the upgrade, reminders per user {got}")
    print(f"ok: the previous bundle reminded each of the {N} users once")
elif step == "after":
    got = settle("up", 1, 10)
    twice = {i: c for i, c in got.items() if c != 1}
    if twice:
        sys.exit(f"FAILED: after the upgrade {len(twice)} of {N} users were reminded again: {dict(list(twice.items())[:5])}")
    print(f"ok: after the upgrade no user was reminded a second time for the same password and threshold")
elif step == "next":
    got = settle("up", 2)
    if any(c != 2 for c in got.values()):
        sys.exit(f"FAILED: the next threshold, reminders per user {got}")
    print(f"ok: the next threshold (7 days) reminded each user once more, on the new bundle")
PY
python3 "$WORK/check.py" realm
REALM_ID=$(sql -c "select id from realm where name='upgrade'")
NOW_MS=$(( $(date +%s) * 1000 ))
echo "== $USERS users whose password expires in 10 days (SQL fixture, as scripts/cluster-check.sh)"
sql <<SQL
insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'up-' || g, 'up' || g || '@example.org', 'up' || g || '@example.org', true, true, 'Up', 'Grade' || g, '$REALM_ID', 'up' || g, $NOW_MS, 0
from generate_series(1, $USERS) g;
insert into credential (id, type, user_id, created_date, secret_data, credential_data, priority, version)
select 'upc-' || g, 'password', 'up-' || g, $NOW_MS - 80::bigint * 86400000, '{}', '{}', 10, 0
from generate_series(1, $USERS) g;
SQL
python3 "$WORK/check.py" before

OUTBOX=$(sql -c "select count(*) from information_schema.tables where table_name = 'al_odoo_outbox'")
if [[ "$OUTBOX" == 1 ]]; then
  echo "== the previous bundle has the Odoo outbox: rows left pending while Odoo (the simulator) answers errors"
  setsid java -jar "$SIMULATOR_JAR" --port "$ODOO_PORT" --version 19 >"$WORK/odoo.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 30); do curl -sf "http://127.0.0.1:$ODOO_PORT/_sim/state" >/dev/null && break; sleep 1; done
  curl -sf -X POST "http://127.0.0.1:$ODOO_PORT/_sim/config" -d '{"htmlErrors": true}' >/dev/null
  python3 "$WORK/check.py" odoo-pending
fi

USERS_BEFORE=$(sql -c "select count(*) from user_entity where realm_id = '$REALM_ID'")
CREDS_BEFORE=$(sql -c "select md5(string_agg(id || created_date, ',' order by id)) from credential where user_id like 'up-%'")

echo "== upgrade: stop, replace the jars in providers/, kc.sh build, start on the same database"
stop_keycloak
rm -f "$KC"/providers/account-lifecycle-*.jar
cp "${CURRENT_JARS[@]}" "$KC/providers/"
"$KC/bin/kc.sh" build --db=postgres >"$WORK/build-current.log" 2>&1 || { tail -n 20 "$WORK/build-current.log"; exit 1; }
start_keycloak current
[[ "$(sql -c "select count(*) from user_entity where realm_id = '$REALM_ID'")" == "$USERS_BEFORE" ]] \
  || { echo "FAILED: users lost in the upgrade"; exit 1; }
[[ "$(sql -c "select md5(string_agg(id || created_date, ',' order by id)) from credential where user_id like 'up-%'")" == "$CREDS_BEFORE" ]] \
  || { echo "FAILED: passwords changed in the upgrade"; exit 1; }
echo "ok: the $USERS_BEFORE users and their passwords are unchanged"
# Keycloak keeps each entity provider's changelog in a table of its own (DATABASECHANGELOG_<provider>)
for table in $(sql -c "select table_name from information_schema.tables where table_name like 'databasechangelog%' and table_name <> 'databasechangeloglock'"); do
  TWICE=$(sql -c "select id from $table where author = 'account-lifecycle' group by id having count(*) > 1")
  [[ -z "$TWICE" ]] || { echo "FAILED: changesets applied twice in $table: $TWICE"; exit 1; }
  RECORDED=$(sql -c "select string_agg(id, ' ' order by orderexecuted) from $table where author = 'account-lifecycle'")
  [[ -z "$RECORDED" ]] || echo "   $table: $RECORDED"
done
echo "ok: no changeset of the bundle ran twice"
if [[ "$OUTBOX" == 1 ]]; then
  curl -sf -X POST "http://127.0.0.1:$ODOO_PORT/_sim/config" -d '{"htmlErrors": false}' >/dev/null
  python3 "$WORK/check.py" odoo-delivered
fi
python3 "$WORK/check.py" after

echo "== three days later (passwords moved 3 days older): the 7-day threshold is due"
sql -c "update credential set created_date = created_date - 3::bigint * 86400000 where user_id like 'up-%'"
python3 "$WORK/check.py" next
