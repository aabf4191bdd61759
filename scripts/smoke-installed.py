#!/usr/bin/env python3
"""Walks the activation as an organisation's user would, against a Keycloak started by ./run.sh.

The bundle is installed there the way organisations install it (jars in providers/, kc.sh build,
realm-config imported with --import-realm), so this checks that path, not the test framework's.

  scripts/smoke-installed.py --port 18085 --mail-port 18025

Prints 'N passed, N failed' last and exits non-zero on a failure. Standard library only.
"""
import argparse
import email
import email.policy
import html
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PASSED, FAILED = [], []


def check(name, ok, detail=""):
    (PASSED if ok else FAILED).append(name)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok or not detail else ": " + str(detail)[:400]))
    return ok


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps every cookie (localhost is a secure context for browsers) and follows Keycloak's redirects."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, headers=headers)
        try:
            resp = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as e:
            resp = e
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value.strip()
            else:
                self.cookies.pop(name.strip(), None)
        return resp.status, resp.headers.get("Location"), resp.read().decode("utf-8", "replace")

    def get(self, url, data=None):
        for _ in range(10):
            status, location, body = self.request(url, data)
            if status // 100 != 3 or not location:
                return status, url, body, None
            nxt = urllib.parse.urljoin(url, location)
            if "/login-actions/" not in nxt and "/protocol/openid-connect/auth" not in nxt:
                return status, url, body, nxt
            url, data = nxt, None
        raise RuntimeError("too many redirects")


def api(method, url, token=None, body=None, form=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_for_mail(mail_url, address, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{mail_url}/api/user/{address}/messages/INBOX", timeout=10) as resp:
                messages = json.loads(resp.read())
            if messages:
                return email.message_from_string(messages[-1]["mimeMessage"], policy=email.policy.default)
        except urllib.error.HTTPError:
            pass
        time.sleep(1)
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--mail-port", type=int, default=8025)
    p.add_argument("--realm", default="demo")
    p.add_argument("--admin", default="demo-admin")
    p.add_argument("--admin-password", default="Demo-Admin-2026")
    a = p.parse_args()
    kc = f"http://localhost:{a.port}"
    realm_url = f"{kc}/realms/{a.realm}"

    status, tok = api("POST", f"{realm_url}/protocol/openid-connect/token",
                      form={"grant_type": "password", "client_id": "admin-cli",
                            "username": a.admin, "password": a.admin_password})
    if not check("the demo administrator gets a token", status == 200, tok):
        return
    token = tok["access_token"]

    address = f"smoke.{int(time.time())}@example.org"
    status, invited = api("POST", f"{kc}/admin/realms/{a.realm}/account-lifecycle/invitations", token,
                          {"email": address, "firstName": "Sanne", "infix": "van der", "lastName": "Smoke",
                           "groups": ["users"]})
    if not check("POST invitations answers 201 pending", status == 201 and invited.get("status") == "pending", invited):
        return

    mail = wait_for_mail(f"http://localhost:{a.mail_port}", address)
    if not check("the activation mail reaches the mail catcher", mail is not None):
        return
    text = mail.get_body(("plain",)).get_content()
    check("the mail has an HTML part", mail.get_body(("html",)) is not None)
    match = re.search(r"https?://\S+/login-actions/action-token\?\S+", text)
    if not check("the mail carries an activation link", match is not None, text):
        return

    browser = Browser()
    status, url, page, _ = browser.get(match.group())
    check("the link opens the themed activation page", "kc-activate-account-form" in page
          and "account-lifecycle.css" in page, page[-600:])
    check("the page greets the user in Dutch", "Welkom, Sanne" in html.unescape(page))
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    status, url, page, location = browser.get(urllib.parse.urljoin(url, action),
                                              {"password-new": "Smoke2026abc", "password-confirm": "Smoke2026abc"})
    landed = location is not None and "/account-lifecycle/landing" in location
    check("a valid password ends the flow on the landing page", landed, location or page[-600:])
    if landed:
        status, _, page, onward = browser.get(location)
        check("the landing page sends the browser on to the account console, without a code",
              onward is not None and onward.rstrip("/").endswith(f"/realms/{a.realm}/account") and "code=" not in onward,
              onward or page[-600:])

    status, info = api("GET", f"{kc}/admin/realms/{a.realm}/account-lifecycle/users/{invited['userId']}", token)
    check("the server stored the account as activated",
          status == 200 and info["activation"]["status"] == "activated", info)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report, never hide, an unexpected failure
        check("smoke run", False, repr(e))
    print(f"{len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)
