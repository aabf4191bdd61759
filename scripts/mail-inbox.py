#!/usr/bin/env python3
"""A web inbox for the demo's mail catcher: lists every mail GreenMail caught and shows each one as the
recipient's mail program would, its HTML part in a sandboxed frame (no scripts), its text part below.

Reads GreenMail's own REST API; keeps nothing itself. Loopback only. Standard library only.

    scripts/mail-inbox.py --port 8024 --greenmail http://127.0.0.1:8025
"""
import argparse
import email
import email.policy
import email.utils
import html
import json
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1f2328}
header{background:#1f3a5f;color:#fff;padding:14px 24px;font-size:18px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{padding:8px 10px;border-bottom:1px solid #e3e5e8;text-align:left;font-size:14px;vertical-align:top}
th{background:#eef0f3}
a{color:#0b57d0}
.meta{background:#fff;padding:12px 16px;border:1px solid #e3e5e8;margin-bottom:12px;font-size:14px}
iframe{width:100%;height:620px;border:1px solid #e3e5e8;background:#fff}
pre{white-space:pre-wrap;background:#fff;border:1px solid #e3e5e8;padding:12px;font-size:13px}
.empty{padding:24px;background:#fff;border:1px solid #e3e5e8}
"""


def fetch_json(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def all_mails(base):
    """Every caught mail, newest first, as (recipient, uid, subject, date, raw)."""
    mails = []
    for user in fetch_json(base, "/api/user"):
        address = user.get("email") or user.get("login")
        quoted = urllib.parse.quote(address, safe="")
        for message in fetch_json(base, "/api/user/%s/messages/INBOX" % quoted):
            raw = message.get("mimeMessage", "")
            parsed = email.message_from_string(raw, policy=email.policy.default)
            mails.append((address, str(message.get("uid")), str(parsed.get("Subject", "")),
                          str(parsed.get("Date", "")), parsed))
    mails.sort(key=lambda m: email.utils.parsedate_to_datetime(m[3]).timestamp() if m[3] else 0, reverse=True)
    return mails


def parts(parsed):
    html_part = parsed.get_body(preferencelist=("html",))
    text_part = parsed.get_body(preferencelist=("plain",))
    return (html_part.get_content() if html_part else None,
            text_part.get_content() if text_part else None)


def page(title, body):
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>%s</title><style>%s</style></head><body><header>Demo inbox &middot; account-lifecycle</header>"
            "<main>%s</main></body></html>") % (html.escape(title), STYLE, body)


class Inbox(BaseHTTPRequestHandler):
    greenmail = "http://127.0.0.1:8025"

    def log_message(self, fmt, *args):
        pass

    def send_page(self, status, text):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        try:
            mails = all_mails(self.greenmail)
        except OSError as e:
            self.send_page(502, page("Mail catcher unreachable",
                                     "<div class='empty'>The mail catcher at %s does not answer: %s</div>"
                                     % (html.escape(self.greenmail), html.escape(str(e)))))
            return
        if url.path == "/":
            self.send_page(200, self.listing(mails, (query.get("to") or [None])[0]))
        elif url.path == "/mail":
            to, uid = (query.get("to") or [""])[0], (query.get("uid") or [""])[0]
            found = [m for m in mails if m[0] == to and m[1] == uid]
            if not found:
                self.send_page(404, page("Not found", "<div class='empty'>No such mail. <a href='/'>Back to the inbox</a></div>"))
            else:
                self.send_page(200, self.mail(found[0]))
        else:
            self.send_page(404, page("Not found", "<div class='empty'><a href='/'>Back to the inbox</a></div>"))

    @staticmethod
    def listing(mails, only_to):
        shown = [m for m in mails if only_to is None or m[0] == only_to]
        if not shown:
            return page("Inbox", "<div class='empty'>No mail yet. Invite a user in the admin console; "
                                 "the activation mail appears here.</div>")
        rows = "".join(
            "<tr><td>%s</td><td><a href='/mail?%s'>%s</a></td><td>%s</td></tr>" % (
                html.escape(to), html.escape(urllib.parse.urlencode({"to": to, "uid": uid})),
                html.escape(subject or "(no subject)"), html.escape(date))
            for to, uid, subject, date, _ in shown)
        return page("Inbox", "<table><tr><th>To</th><th>Subject</th><th>Received</th></tr>%s</table>" % rows)

    @staticmethod
    def mail(found):
        to, uid, subject, date, parsed = found
        html_body, text_body = parts(parsed)
        meta = ("<div class='meta'><a href='/'>&larr; Inbox</a><br><b>To:</b> %s<br><b>From:</b> %s<br>"
                "<b>Subject:</b> %s<br><b>Received:</b> %s</div>") % (
            html.escape(to), html.escape(str(parsed.get("From", ""))), html.escape(subject), html.escape(date))
        frame = ""
        if html_body is not None:
            # links open in a new tab; the sandbox runs no script from the mail
            doc = "<base target='_blank'>" + html_body
            frame = ("<iframe title='HTML part' sandbox='allow-popups allow-popups-to-escape-sandbox' "
                     "srcdoc=\"%s\"></iframe>") % html.escape(doc, quote=True)
        text = "<h3>Text part</h3><pre>%s</pre>" % html.escape(text_body) if text_body is not None else ""
        return page(subject or "Mail", meta + frame + text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8024)
    parser.add_argument("--greenmail", default="http://127.0.0.1:8025", help="GreenMail's API base URL")
    args = parser.parse_args()
    Inbox.greenmail = args.greenmail.rstrip("/")
    ThreadingHTTPServer(("127.0.0.1", args.port), Inbox).serve_forever()


if __name__ == "__main__":
    main()
