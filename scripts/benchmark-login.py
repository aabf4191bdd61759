#!/usr/bin/env python3
"""Load generator and statistics of scripts/benchmark-login.sh (python3 standard library only, loopback only).

    benchmark-login.py setup  --url URL --side stock|bundle --admin-password PW [--odoo URL]
    benchmark-login.py run    --url URL --side S --round R --warmup S --seconds S --creates N --kc-pid PID >> results.jsonl
    benchmark-login.py report results.jsonl

setup makes the realm "bench" over the admin REST API, the same on both sides: the demo realm's password policy,
brute-force protection, events and user profile; the bundle side adds what only it has (its event listener, login
theme, realm settings, its validator on the email attribute, the Odoo sync against the simulator).
run warms the server up and measures, one server at a time:
  - password grant: logins/s with THREADS (4) client threads, each POSTing grant_type=password in a loop;
  - browser code flow: logins/s with 4 threads, each login a new browser (GET the login page, POST the form,
    read the code from the redirect, exchange the code for tokens);
  - admin user create: the median latency of CREATES sequential POST /admin/realms/bench/users (then deleted);
and prints one JSON line with the figures and what else used the CPU meanwhile (/proc/stat).
report prints per side the median and spread, and bundle/stock ratios of the medians with a bootstrap interval.
"""
import argparse
import http.client
import http.cookies
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

REALM = "bench"
CLIENT = "bench"
REDIRECT = "http://127.0.0.1/bench-callback"
USERS = 8
PASSWORD = "Bench-Login-2026"
THREADS = 4


class Http:
    """One keep-alive connection to Keycloak with its own cookies, like one browser or one client."""

    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.cookies = {}

    def call(self, method, path, body=None, headers=None, form=None):
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt == 2:
                    raise
        for value in r.headers.get_all("Set-Cookie") or []:
            c = http.cookies.SimpleCookie()
            c.load(value)
            for k, m in c.items():
                self.cookies[k] = m.value
        return r.status, data.decode("utf-8", "replace"), r.headers


def admin_token(url, password):
    s, body, _ = Http(url).call("POST", "/realms/master/protocol/openid-connect/token",
                                form={"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": password})
    assert s == 200, body
    return json.loads(body)["access_token"]


def admin(url, password):
    h, auth = Http(url), {"Authorization": "Bearer " + admin_token(url, password)}

    def call(method, path, body=None):
        s, text, headers = h.call(method, path, body=body, headers=auth)
        if s >= 300:
            raise SystemExit(f"{method} {path}: {s} {text[:300]}")
        return text, headers
    return call


def setup(a):
    demo = json.load(open(os.path.join(os.path.dirname(__file__), "..", "realm-config", "demo-realm.json")))
    bundle = a.side != "stock"
    call = admin(a.url, a.admin_password)
    realm = {"realm": REALM, "enabled": True, "passwordPolicy": demo["passwordPolicy"],
             "bruteForceProtected": True, "eventsEnabled": True, "adminEventsEnabled": True,
             "adminEventsDetailsEnabled": True, "eventsListeners": ["jboss-logging"],
             "registrationEmailAsUsername": False, "loginWithEmailAllowed": True, "verifyEmail": False}
    if bundle:
        realm["eventsListeners"] = ["jboss-logging", "account-lifecycle"]
        realm["loginTheme"] = demo["loginTheme"]
        realm["attributes"] = {k: v for k, v in demo["attributes"].items() if k.startswith("accountLifecycle.")}
        realm["attributes"]["accountLifecycle.activation.sendOnCreate"] = "false"  # no mail: stock sends none either
    call("POST", "/admin/realms", realm)
    up = next(json.loads(c["config"]["kc.user.profile.config"][0])
              for c in demo["components"]["org.keycloak.userprofile.UserProfileProvider"])
    if not bundle:
        for attribute in up["attributes"]:
            attribute["validations"] = {k: v for k, v in attribute.get("validations", {}).items()
                                        if not k.startswith("account-lifecycle")}
    call("PUT", f"/admin/realms/{REALM}/users/profile", up)
    call("POST", f"/admin/realms/{REALM}/clients", {
        "clientId": CLIENT, "publicClient": True, "standardFlowEnabled": True, "directAccessGrantsEnabled": True,
        "redirectUris": [REDIRECT]})
    for i in range(USERS):
        call("POST", f"/admin/realms/{REALM}/users", {
            "username": f"bench{i}", "email": f"bench{i}@example.org", "firstName": "Bench", "lastName": f"User{i}",
            "enabled": True, "emailVerified": True,
            "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]})
    if bundle and a.odoo:
        call("PUT", f"/admin/realms/{REALM}/account-lifecycle/odoo/config", {
            "enabled": True, "url": a.odoo, "database": "odoo", "login": "admin", "apiKey": "sim-api-key",
            "transport": "json2", "maxAttempts": 20})
    # both flows must log in without a required action on either side
    assert password_login(Http(a.url), 0), "password grant refused"
    assert browser_login(Http(a.url), 0), "browser login did not reach the code"


def password_login(h, i):
    s, body, _ = h.call("POST", f"/realms/{REALM}/protocol/openid-connect/token", form={
        "grant_type": "password", "client_id": CLIENT, "username": f"bench{i % USERS}", "password": PASSWORD})
    return s == 200 and "access_token" in body


FORM_ACTION = re.compile(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"|<form[^>]*action="([^"]+)"[^>]*id="kc-form-login"')


def browser_login(h, i):
    h.cookies.clear()  # a new browser every time: a full login, never SSO
    q = urllib.parse.urlencode({"client_id": CLIENT, "response_type": "code", "scope": "openid",
                                "redirect_uri": REDIRECT, "state": str(i)})
    s, page, _ = h.call("GET", f"/realms/{REALM}/protocol/openid-connect/auth?{q}")
    m = FORM_ACTION.search(page)
    if s != 200 or not m:
        return False
    action = urllib.parse.urlsplit((m.group(1) or m.group(2)).replace("&amp;", "&"))
    s, _, headers = h.call("POST", f"{action.path}?{action.query}", form={
        "username": f"bench{i % USERS}", "password": PASSWORD, "credentialId": ""})
    location = headers.get("Location", "")
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query).get("code")
    if s != 302 or not location.startswith(REDIRECT) or not code:
        return False
    s, body, _ = h.call("POST", f"/realms/{REALM}/protocol/openid-connect/token", form={
        "grant_type": "authorization_code", "client_id": CLIENT, "code": code[0], "redirect_uri": REDIRECT})
    return s == 200 and "access_token" in body


def load(url, login, seconds):
    """Logins/s over `seconds` with THREADS threads; a failed login stops the benchmark."""
    stop, counts, errors = time.monotonic() + seconds, [0] * THREADS, []

    def worker(t):
        h, n = Http(url), 0
        while time.monotonic() < stop and not errors:
            if not login(h, t + THREADS * n):
                errors.append(f"{login.__name__} failed")
            n += 1
            counts[t] += 1
    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit(errors[0])
    return sum(counts) / (time.monotonic() - start)


def cpu_ticks(pid=None):
    """Busy and steal ticks of the machine, or the user+system ticks of one process."""
    if pid:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return f[0] + f[1] + f[2] + f[5] + f[6], f[7]


def jvm_counters(pid):
    """The JVM's own counters (jcmd PerfCounter.print): JIT compile time and count, GC and safepoint time, seconds."""
    try:
        text = subprocess.run(["jcmd", str(pid), "PerfCounter.print"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    c = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    hz = float(c.get("sun.os.hrt.frequency", "1e9"))
    seconds = lambda key: int(c.get(key, "0")) / hz
    return {"jit_s": seconds("java.ci.totalTime"), "compiles": int(c.get("sun.ci.totalCompiles", "0")),
            "gc_s": sum(seconds(f"sun.gc.collector.{i}.time") for i in range(4)),
            "safepoint_s": seconds("sun.rt.safepointTime")}


def run(a):
    call = admin(a.url, a.admin_password)
    out = {"side": a.side, "round": a.round}
    warm = []
    for _ in range(max(1, a.warmup // 10)):  # the warm-up curve shows whether this JVM settles slow or fast
        warm.append(round(load(a.url, password_login, 5), 1))
        warm.append(round(load(a.url, browser_login, 5), 1))
    if a.settle > 0:  # then on until the JIT is nearly done: less than a.settle s of compiling in 10 s of load
        deadline, last = time.monotonic() + a.settle_max, jvm_counters(a.kc_pid).get("jit_s", 0)
        out["settle_jit_s"] = []
        while time.monotonic() < deadline:
            warm.append(round(load(a.url, password_login, 5), 1))
            warm.append(round(load(a.url, browser_login, 5), 1))
            now = jvm_counters(a.kc_pid).get("jit_s", 0)
            out["settle_jit_s"].append(round(now - last, 2))
            if now - last < a.settle:
                break
            last = now
        out["settled"] = bool(out["settle_jit_s"]) and out["settle_jit_s"][-1] < a.settle
    out["warmup"] = warm
    jvm0 = jvm_counters(a.kc_pid)
    out["jit_s_until_measured"] = round(jvm0.get("jit_s", 0), 1)
    hz, ncpu = os.sysconf("SC_CLK_TCK"), os.cpu_count()
    busy0, steal0 = cpu_ticks()
    kc0, me0, t0 = cpu_ticks(a.kc_pid), cpu_ticks(os.getpid()), time.monotonic()
    out["password_grant"] = load(a.url, password_login, a.seconds)
    out["browser_flow"] = load(a.url, browser_login, a.seconds)
    busy1, steal1 = cpu_ticks()
    kc1, me1, t1 = cpu_ticks(a.kc_pid), cpu_ticks(os.getpid()), time.monotonic()
    capacity = (t1 - t0) * hz * ncpu
    out["cpu_keycloak"] = round((kc1 - kc0) / capacity, 3)
    out["cpu_loadgen"] = round((me1 - me0) / capacity, 3)
    out["cpu_other"] = round(max(0, busy1 - busy0 - (kc1 - kc0) - (me1 - me0)) / capacity, 3)
    out["cpu_steal"] = round((steal1 - steal0) / capacity, 3)
    jvm1 = jvm_counters(a.kc_pid)
    for key in ("jit_s", "compiles", "gc_s", "safepoint_s"):  # during the measurement
        out[key + "_measured"] = round(jvm1.get(key, 0) - jvm0.get(key, 0), 2)
    latencies = []
    for i in range(-10, a.creates):  # the first 10 warm the create path up and are not counted
        if i % 10 == 0:
            call = admin(a.url, a.admin_password)  # a master admin token lives 60 s
        start = time.perf_counter()
        _, headers = call("POST", f"/admin/realms/{REALM}/users", {
            "username": f"create-{a.round}-{i}", "email": f"create-{a.round}-{i}@example.org",
            "firstName": "Create", "lastName": f"Latency{i}", "enabled": True})
        if i >= 0:
            latencies.append((time.perf_counter() - start) * 1000)
        call("DELETE", urllib.parse.urlsplit(headers["Location"]).path)
    out["admin_create_ms"] = statistics.median(latencies)
    print(json.dumps(out), flush=True)


def ratio_interval(bundle, stock, resamples=4000):
    """Ratio of the medians and its 95% percentile-bootstrap interval (runs resampled within each side)."""
    rng = random.Random(16)
    ratios = sorted(statistics.median(rng.choices(bundle, k=len(bundle))) / statistics.median(rng.choices(stock, k=len(stock)))
                    for _ in range(resamples))
    return statistics.median(bundle) / statistics.median(stock), ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


def report(a):
    rows = [json.loads(line) for line in open(a.results) if line.startswith("{")]
    sides = {s: [r for r in rows if r["side"] == s] for s in ("stock", "before", "bundle")}
    sides = {s: runs for s, runs in sides.items() if runs}
    print("runs: " + ", ".join(f"{s} {len(runs)}" for s, runs in sides.items()))
    for metric, unit in (("password_grant", "logins/s"), ("browser_flow", "logins/s"), ("admin_create_ms", "ms")):
        line = []
        for side, runs in sides.items():
            v = sorted(r[metric] for r in runs)
            if v:
                line.append(f"{side} median {statistics.median(v):.1f} (min {v[0]:.1f}, max {v[-1]:.1f})")
        print(f"{metric} [{unit}]: " + "; ".join(line))
        for side in ("before", "bundle"):
            if len(sides.get("stock", [])) > 1 and len(sides.get(side, [])) > 1:
                r, lo, hi = ratio_interval([x[metric] for x in sides[side]], [x[metric] for x in sides["stock"]])
                print(f"   {side}/stock {r:.3f} (95% bootstrap interval {lo:.3f} .. {hi:.3f})")
    for r in rows:
        print(f"   {r['side']:6} round {r['round']:2}: grant {r['password_grant']:5.1f}/s browser {r['browser_flow']:5.1f}/s "
              f"create {r['admin_create_ms']:5.1f} ms; cpu keycloak {r['cpu_keycloak']:.2f} loadgen {r['cpu_loadgen']:.2f} "
              f"other {r['cpu_other']:.2f} steal {r['cpu_steal']:.2f}; jit {r.get('jit_s_until_measured')} s before, "
              f"{r.get('jit_s_measured')} s during; gc {r.get('gc_s_measured')} s; warm-up {r['warmup']}"
              + (f"; JIT s per 10 s while settling {r['settle_jit_s']} ({'settled' if r['settled'] else 'not settled'})"
                 if 'settle_jit_s' in r else ""))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("setup", "run"):
        s = sub.add_parser(name)
        s.add_argument("--url", required=True)
        s.add_argument("--side", choices=("stock", "bundle", "before"), required=True)
        s.add_argument("--admin-password", required=True)
    sub.choices["setup"].add_argument("--odoo")
    r = sub.choices["run"]
    r.add_argument("--round", type=int, required=True)
    r.add_argument("--warmup", type=int, default=60)
    r.add_argument("--settle", type=float, default=0)
    r.add_argument("--settle-max", type=int, default=300)
    r.add_argument("--seconds", type=int, default=30)
    r.add_argument("--creates", type=int, default=40)
    r.add_argument("--kc-pid", type=int, required=True)
    sub.add_parser("report").add_argument("results")
    a = p.parse_args()
    {"setup": setup, "run": run, "report": report}[a.command](a)


if __name__ == "__main__":
    sys.exit(main())
