#!/usr/bin/env python3
"""Times the self-service "send me a new link" answer for addresses that get a new link and for unknown ones.

Run against ./run.sh (the demo realm allows self-service resend):

    ./run.sh &    # wait for "is running"
    python3 scripts/benchmark-resend.py --port 8080 --count 20

It invites COUNT users with a 1-second link over the admin REST API (as demo-admin), waits until the links have
expired, then posts the resend form once per expired address and once per unknown address, alternating, and
prints the median and spread of each. Every expired address gets a real new link (state written, token signed,
mail queued); the mail itself goes out on the worker after the answer. It asserts nothing: it is a benchmark.
"""
import argparse
import json
import statistics
import time
import urllib.parse
import urllib.request


def post(url, data, headers=None):
    body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status, (time.perf_counter() - start) * 1000


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--realm", default="demo")
    p.add_argument("--admin", default="demo-admin")
    p.add_argument("--admin-password", default="Demo-Admin-2026")
    p.add_argument("--count", type=int, default=20)
    a = p.parse_args()
    kc = f"http://localhost:{a.port}"
    token = json.loads(urllib.request.urlopen(urllib.request.Request(
        f"{kc}/realms/{a.realm}/protocol/openid-connect/token",
        data=urllib.parse.urlencode({"grant_type": "password", "client_id": "admin-cli", "username": a.admin,
                                     "password": a.admin_password}).encode())).read())["access_token"]
    run = int(time.time())
    known = [f"resend.bench{i}.{run}@example.org" for i in range(a.count)]
    unknown = [f"nobody.bench{i}.{run}@example.org" for i in range(a.count)]
    for address in known:
        status, _ = post(f"{kc}/admin/realms/{a.realm}/account-lifecycle/invitations",
                         json.dumps({"email": address, "firstName": "Bo", "lastName": "Bench", "lifespan": 1}).encode(),
                         {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        assert status == 201, status
    time.sleep(2.5)
    form = f"{kc}/realms/{a.realm}/account-lifecycle/activation/resend"
    for warm in range(5):
        post(form, {"email": f"warm{warm}.{run}@example.org"})
    times = {"expired (new link)": [], "unknown": []}
    for k, u in zip(known, unknown):
        times["expired (new link)"].append(post(form, {"email": k})[1])
        times["unknown"].append(post(form, {"email": u})[1])
    for name, values in times.items():
        values.sort()
        print(f"{name:20s} median {statistics.median(values):6.1f} ms   "
              f"p10 {values[len(values) // 10]:6.1f}   p90 {values[len(values) * 9 // 10]:6.1f}   n={len(values)}")


if __name__ == "__main__":
    main()
