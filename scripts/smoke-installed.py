#!/usr/bin/env python3
"""Walks the activation as an organisation's user would, against a Keycloak started by ./run.sh.

The bundle is installed there the way organisations install it (jars in providers/, kc.sh build,
realm-config imported with --import-realm), so this checks that path, not the test framework's.

  scripts/smoke-installed.py --port 18085 --mail-port 18025

With --full (scripts/version-matrix.sh, one server per Keycloak version) it also checks, on the same server: a
password login of the activated user, that an admin cannot overwrite the read-only lifecycle status, the
email-change confirm with the notice to the old address, that disabling a user ends its sessions, a reminder run
(with --psql, which ages one password in the database), the self-service email change, the Odoo sync (with
--odoo, the simulator's URL), and that no page or mail shows a raw message key.

Prints 'N passed, N failed' last and exits non-zero on a failure. Standard library only.
"""
import argparse
import email
import email.policy
import html
import json
import re
import subprocess
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


def wait_for_mail(mail_url, address, timeout=30, count=1):
    """The newest mail to address once at least count have arrived, or None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{mail_url}/api/user/{address}/messages/INBOX", timeout=10) as resp:
                messages = json.loads(resp.read())
            if len(messages) >= count:
                return email.message_from_string(messages[-1]["mimeMessage"], policy=email.policy.default)
        except urllib.error.HTTPError:
            pass
        time.sleep(1)
    return None


RAW_KEY = re.compile(r"\baccountLifecycle\.[A-Za-z0-9_.]+")


def visible_text(page):
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def no_raw_key(name, text):
    """A message key shown as is means a missing message in the theme this Keycloak renders."""
    found = sorted(set(RAW_KEY.findall(text)))
    return check(f"{name} shows no raw message key", not found, found)


def mail_text(mail):
    return str(mail["Subject"]) + "\n" + mail.get_body(("plain",)).get_content()


def link_in(mail):
    match = re.search(r"https?://\S+/login-actions/action-token\?\S+", mail.get_body(("plain",)).get_content())
    return match.group() if match else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--mail-port", type=int, default=8025)
    p.add_argument("--realm", default="demo")
    p.add_argument("--admin", default="demo-admin")
    p.add_argument("--admin-password", default="Demo-Admin-2026")
    p.add_argument("--full", action="store_true", help="also the checks after activation (see the top of this file)")
    p.add_argument("--psql", help="a psql command line for the server's database, for the reminder run")
    p.add_argument("--odoo", help="the Odoo simulator's URL, for the sync check (the server must allow loopback)")
    p.add_argument("--master-password", help="the master realm's admin password, for the Odoo settings")
    p.add_argument("--keycloak", default="26.7.3", help="the server's Keycloak version, for its known limitations")
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
    if a.full:
        no_raw_key("the activation mail", mail_text(mail))
        no_raw_key("the activation page", visible_text(page))
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
    if a.full and landed:
        query = urllib.parse.urlencode({"client_id": "account-console", "redirect_uri": f"{realm_url}/account/",
                                        "response_type": "code", "scope": "openid", "code_challenge_method": "S256",
                                        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeKt8zG0vFNd3kNZsoi4"})
        _, _, _, after = browser.get(f"{realm_url}/protocol/openid-connect/auth?{query}")
        check("the new session signs the user in to the account console without a login form",
              after is not None and "code=" in after, after)

    status, info = api("GET", f"{kc}/admin/realms/{a.realm}/account-lifecycle/users/{invited['userId']}", token)
    check("the server stored the account as activated",
          status == 200 and info["activation"]["status"] == "activated", info)
    if a.full:
        full_checks(a, kc, realm_url, token, invited["userId"], address, "Smoke2026abc")


def login_form(kc, realm_url, username, password, browser=None, **extra):
    """Signs in through the themed login page as a browser does; returns (login page, redirect or next page)."""
    browser = browser or Browser()
    query = urllib.parse.urlencode({"client_id": "account-console", "redirect_uri": f"{realm_url}/account/",
                                    "response_type": "code", "scope": "openid", "code_challenge_method": "S256",
                                    "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeKt8zG0vFNd3kNZsoi4", **extra})
    status, url, page, _ = browser.get(f"{realm_url}/protocol/openid-connect/auth?{query}")
    form = re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', page)
    if not form:
        return page, None
    status, url, after, location = browser.get(urllib.parse.urljoin(url, html.unescape(form.group(1))),
                                               {"username": username, "password": password})
    browser.last_url = url
    return page, location or after


def direct_login(realm_url, username, password):
    return api("POST", f"{realm_url}/protocol/openid-connect/token",
               form={"grant_type": "password", "client_id": "admin-cli", "username": username, "password": password})


def refresh(realm_url, tokens):
    return api("POST", f"{realm_url}/protocol/openid-connect/token",
               form={"grant_type": "refresh_token", "client_id": "admin-cli", "refresh_token": tokens["refresh_token"]})


def full_checks(a, kc, realm_url, token, user_id, address, password):
    mail_url = f"http://localhost:{a.mail_port}"
    admin = f"{kc}/admin/realms/{a.realm}"
    lifecycle = f"{admin}/account-lifecycle"

    page, after = login_form(kc, realm_url, address, password)
    check("the login page is the bundle's theme", "account-lifecycle.css" in page, page[-600:])
    no_raw_key("the login page", visible_text(page))
    check("the activated user signs in with the new password",
          after is not None and "/account/" in after and "code=" in after, (after or "")[-600:])

    # the lifecycle status is shown to admins read-only: an admin's edit of it changes nothing
    status, rep = api("GET", f"{admin}/users/{user_id}", token)
    line = tuple(int(x) for x in re.findall(r"\d+", a.keycloak)[:2])
    if line < (26, 5):
        print("skip an admin cannot overwrite the read-only lifecycle status: Keycloak before 26.5 lets admins write"
              " unmanaged attributes (keycloak#45417; README, Compatibility)")
    elif check("the admin reads the user", status == 200, rep):
        rep["attributes"]["accountLifecycle.activation.status"] = ["pending"]
        api("PUT", f"{admin}/users/{user_id}", token, rep)
        status, rep = api("GET", f"{admin}/users/{user_id}", token)
        check("an admin cannot overwrite the read-only lifecycle status",
              rep.get("attributes", {}).get("accountLifecycle.activation.status") == ["activated"],
              rep.get("attributes"))

    # email change with confirmation: the link goes to the new address, the old one gets a notice
    new_address = address.replace("smoke.", "smoke.new.")
    status, answer = api("POST", f"{lifecycle}/users/{user_id}/email-change", token,
                         {"email": new_address, "mode": "confirm"})
    if check("POST email-change (confirm) answers 202", status == 202, answer):
        mail = wait_for_mail(mail_url, new_address)
        link = link_in(mail) if mail else None
        if check("the confirmation mail with a link reaches the new address", link is not None):
            no_raw_key("the confirmation mail", mail_text(mail))
            status, url, page, _ = Browser().get(link)
            no_raw_key("the confirmation page", visible_text(page))
            status, rep = api("GET", f"{admin}/users/{user_id}", token)
            check("the confirmed link sets the new address", rep.get("email") == new_address, rep.get("email"))
            notice = wait_for_mail(mail_url, address, count=2)
            check("the old address gets a notice of the change", notice is not None)
            if notice:
                no_raw_key("the notice to the old address", mail_text(notice))

    # disabling a user ends its sessions
    status, tokens = direct_login(realm_url, new_address, password)
    if check("the user signs in (direct grant) before being disabled", status == 200, tokens):
        _, rep = api("GET", f"{admin}/users/{user_id}", token)
        rep["enabled"] = False
        status, _ = api("PUT", f"{admin}/users/{user_id}", token, rep)
        check("the admin disables the user", status == 204, status)
        status, sessions = api("GET", f"{admin}/users/{user_id}/sessions", token)
        check("the disabled user has no sessions left", status == 200 and sessions == [], sessions)
        status, body = refresh(realm_url, tokens)
        check("the disabled user's refresh token is refused", status == 400, body)

    self_service_email_change(a, admin, realm_url, token, mail_url)
    if a.psql:
        reminder_run(a, admin, lifecycle, token, mail_url)
    if a.odoo:
        odoo_sync(a, admin, lifecycle, token)


def active_user(admin, token, name, password):
    address = f"{name}@example.org"
    status, _ = api("POST", f"{admin}/users", token,
                    {"username": address, "email": address, "firstName": "Ada", "lastName": "Actief",
                     "enabled": True, "emailVerified": True,
                     "credentials": [{"type": "password", "value": password, "temporary": False}]})
    status, found = api("GET", f"{admin}/users?exact=true&email={address}", token)
    return address, (found[0]["id"] if status == 200 and len(found) == 1 else None)


def self_service_email_change(a, admin, realm_url, token, mail_url):
    """Keycloak's update-email action as the bundle changes it: the old address works until the user confirms."""
    password = "Zelf2026wissel"
    old, user_id = active_user(admin, token, f"self.{int(time.time())}", password)
    if not check("a user who will change the email", user_id is not None):
        return
    browser = Browser()
    _, form = login_form(None, realm_url, old, password, browser, kc_action="UPDATE_EMAIL")
    action = re.search(r'<form[^>]*action="([^"]+)"', form or "")
    if not check("signing in with kc_action=UPDATE_EMAIL opens the update-email form",
                 action is not None and 'name="email"' in form, (form or "")[-600:]):
        return
    no_raw_key("the update-email page", visible_text(form))
    new = old.replace("self.", "self.new.")
    browser.get(urllib.parse.urljoin(browser.last_url, html.unescape(action.group(1))), {"email": new})
    status, rep = api("GET", f"{admin}/users/{user_id}", token)
    check("the address stays until the user confirms", rep.get("email") == old, rep.get("email"))
    status, _ = direct_login(realm_url, old, password)
    check("the old address still signs in while the change waits", status == 200, status)
    mail = wait_for_mail(mail_url, new)
    link = link_in(mail) if mail else None
    if check("Keycloak's confirmation link reaches the new address", link is not None):
        Browser().get(link)
        status, rep = api("GET", f"{admin}/users/{user_id}", token)
        check("the link sets the new address", rep.get("email") == new, rep.get("email"))
        notice = wait_for_mail(mail_url, old)
        if check("the old address gets the bundle's notice", notice is not None):
            no_raw_key("the self-service notice", mail_text(notice))


def odoo_sync(a, admin, lifecycle, token):
    """A user created and then renamed reaches the Odoo simulator once, in its final state."""
    # the Odoo settings need manage-realm, which the demo administrator does not have: the master admin sets them
    status, master = api("POST", f"{admin.split('/admin/')[0]}/realms/master/protocol/openid-connect/token",
                         form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                               "password": a.master_password or ""})
    if not check("the master administrator gets a token", status == 200, master):
        return
    status, body = api("PUT", f"{lifecycle}/odoo/config", master["access_token"],
                       {"enabled": True, "url": a.odoo, "database": "odoo", "login": "admin", "apiKey": "sim-api-key",
                        "transport": "json2"})
    if not check("the Odoo sync is configured", status == 200, body):
        return
    address, user_id = active_user(admin, token, f"odoo.{int(time.time())}", "Odoo2026sync")
    if not check("a user for Odoo", user_id is not None):
        return
    _, rep = api("GET", f"{admin}/users/{user_id}", token)
    rep["lastName"] = "Gesynct"
    api("PUT", f"{admin}/users/{user_id}", token, rep)
    deadline, mine = time.time() + 30, []
    while time.time() < deadline:
        mine = [u for u in api("GET", f"{a.odoo}/_sim/users")[1] if u.get("oauth_uid") == user_id]
        if mine and mine[0].get("name") == "Ada Gesynct":
            break
        time.sleep(1)
    check("the user reaches Odoo once, in its final state", len(mine) == 1 and mine[0].get("name") == "Ada Gesynct",
          mine)


def reminder_run(a, admin, lifecycle, token, mail_url):
    """A user whose password is 80 days old (of the realm's 90) is reminded by a run of the scan."""
    name = f"remind.{int(time.time())}"
    status, _ = api("POST", f"{admin}/users", token,
                    {"username": name, "email": name + "@example.org", "firstName": "Rita", "lastName": "Reminder",
                     "enabled": True, "emailVerified": True,
                     "credentials": [{"type": "password", "value": "Herinner2026abc", "temporary": False}]})
    if not check("a user with a password", status == 201, status):
        return
    status, found = api("GET", f"{admin}/users?exact=true&email={name}@example.org", token)
    if not check("the admin finds the user by email", status == 200 and len(found) == 1, found):
        return
    user_id = found[0]["id"]
    aged = subprocess.run(a.psql.split() + ["-c", "update credential set created_date = created_date - 80::bigint * 86400000"
                                             f" where user_id = '{user_id}' and type = 'password'"],
                          capture_output=True, text=True)
    if not check("the password is aged 80 days in the database", aged.returncode == 0, aged.stderr):
        return
    api("POST", f"{admin}/clear-user-cache", token)
    status, run = api("POST", f"{lifecycle}/password-reminders/run", token)
    check("a reminder run finds the user due", status == 202 and run.get("queued", 0) >= 1, run)
    mail = wait_for_mail(mail_url, name + "@example.org")
    if check("the reminder reaches the user", mail is not None):
        no_raw_key("the reminder mail", mail_text(mail))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report, never hide, an unexpected failure
        check("smoke run", False, repr(e))
    print(f"{len(PASSED)} passed, {len(FAILED)} failed")
    sys.exit(1 if FAILED else 0)
