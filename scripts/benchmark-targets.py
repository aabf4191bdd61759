"""The measuring half of scripts/benchmark-targets.sh (which starts PostgreSQL, Keycloak and the target simulator)."""
import json, os, subprocess, threading, time, statistics, urllib.request, urllib.error

KC, SIM = os.environ["KCURL"], os.environ["SIM"]
USERS, CREATES, RTT = int(os.environ["USERS"]), int(os.environ["CREATES"]), os.environ["RTT_MS"]
KINDS = [k.strip() for k in os.environ["KINDS"].split(",") if k.strip()]


def call(method, url, token=None, body=None, form=None):
    data = json.dumps(body).encode() if body is not None else (form.encode() if form else (b"" if method == "POST" else None))
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
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


def targets_api(realm):
    return f"{KC}/admin/realms/{realm}/account-lifecycle/targets"


def add_target(realm, name, kind, enabled=True):
    if kind == "webhook":
        url = f"{SIM}/webhooks/{name}"
        body = {"name": name, "kind": "webhook", "url": url, "enabled": enabled, "maxAttempts": 50}
    elif kind == "dead":
        body = {"name": name, "kind": "webhook", "url": "http://127.0.0.1:9/hook", "enabled": enabled, "maxAttempts": 50}
    else:
        body = {"name": name, "kind": kind, "url": f"{SIM}/scim/v2", "enabled": enabled, "maxAttempts": 50,
                "secret": "sim-scim-token"}
    s, reply, _ = call("POST", targets_api(realm), token(), body)
    assert s == 201, reply
    created = json.loads(reply)
    if kind == "webhook":
        s, reply, _ = call("POST", SIM + "/_sim/webhook-secret", None, {"name": name, "secret": created["secret"]})
        assert s in (200, 204), reply
    return created["id"]


def status(realm, target):
    return json.loads(call("GET", f"{targets_api(realm)}/{target}/status", token())[1])


def resync_and_time(realm, targets):
    """Starts a re-sync of each target at once; returns each target's seconds until its queue is empty."""
    t0 = time.time()
    for target in targets:
        s, reply, _ = call("POST", f"{targets_api(realm)}/{target}/resync", token())
        assert s == 202, reply
    finished = {}
    while len(finished) < len(targets) and time.time() - t0 < 3600:
        for target in targets:
            if target in finished:
                continue
            r = json.loads(call("GET", f"{targets_api(realm)}/{target}/resync", token())[1])
            if r["status"] == "done" and status(realm, target)["pending"] == 0:
                finished[target] = time.time() - t0
        time.sleep(0.2)
    return finished


for realm, listeners in (("bench", ["jboss-logging", "account-lifecycle"]), ("plain", ["jboss-logging"])):
    call("POST", KC + "/admin/realms", token(), {"realm": realm, "enabled": True, "eventsListeners": listeners})
realm_id = sql("select id from realm where name='bench'")
now = int(time.time() * 1000)
print(f"== {USERS} users in realm bench (SQL fixture), target round trip {RTT} ms")
sql(f"""insert into user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before)
select 'b-' || g, 'b' || g || '@example.org', 'b' || g || '@example.org', true, true, 'Bench', 'User' || g, '{realm_id}', 'b' || g, {now}, 0
from generate_series(1, {USERS}) g""")
sql("analyze user_entity")

print("== one webhook target: a re-sync of every user")
one = add_target("bench", "solo", "webhook")
took = resync_and_time("bench", [one])[one]
print(f"   {USERS} users delivered in {took:.1f} s: {USERS / took:.0f} changes/s")
call("PUT", f"{targets_api('bench')}/{one}", token(), {"enabled": False})

print(f"== {len(KINDS)} targets at once ({', '.join(KINDS)}) and a dead one (nothing listens at its port)")
many = [add_target("bench", f"t{i}-{kind}", kind) for i, kind in enumerate(KINDS)]
dead = add_target("bench", "dead", "dead")
s, reply, _ = call("POST", f"{targets_api('bench')}/{dead}/resync", token())  # its queue fills while the others deliver
assert s == 202, reply
finished = resync_and_time("bench", many)
for i, target in enumerate(many):
    took = finished.get(target)
    print(f"   {KINDS[i]} target {i}: " + (f"{USERS} users in {took:.1f} s: {USERS / took:.0f} changes/s" if took else "not done within the hour"))
print(f"   the dead target: {status('bench', dead)}")

print(f"== admin user create latency, {len(KINDS)} targets on (and the dead one) vs the listener off, {CREATES} each, alternating")
times = {"bench": [], "plain": []}
for i in range(CREATES):
    for realm in ("bench", "plain"):
        t0 = time.time()
        s, body, _ = call("POST", f"{KC}/admin/realms/{realm}/users", token(), {
            "username": f"create{i}", "email": f"create{i}@example.org", "firstName": "Create", "lastName": f"Latency{i}", "enabled": True})
        times[realm].append((time.time() - t0) * 1000)
        assert s == 201, body
for realm, label in (("bench", "targets on  "), ("plain", "listener off")):
    t = sorted(times[realm][10:])  # the first ten warm up
    print(f"   {label}: median {statistics.median(t):.1f} ms, p95 {t[int(len(t) * 0.95) - 1]:.1f} ms")
on, off = statistics.median(sorted(times["bench"][10:])), statistics.median(sorted(times["plain"][10:]))
print(f"   difference of the medians: {(on - off) / off * 100:+.1f}% ({on / off:.3f}x)")
