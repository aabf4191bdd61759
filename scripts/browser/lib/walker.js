// What every journey of walk.js shares: Chromium, the checks a person would make on a settled page,
// screenshots, the mail catcher and the demo realm's admin REST (for set-up and read-back only; the person's
// steps themselves are always done in the browser).
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

// Text that means a person sees an error page, and text that means a message key was not resolved.
const ERROR_TEXTS = ['Er is een fout opgetreden', 'We are sorry', 'We zijn excuses verschuldigd', 'Ongeldige',
  'Invalid', 'An error occurred', 'Something went wrong', 'Er is iets misgegaan', 'Actietijd verlopen',
  'Action expired', 'Page not found', 'Pagina niet gevonden'];
const RAW_KEY = /\$\{[^}\s]*\}?|\baccountLifecycle\.[A-Za-z]|\brequiredAction\.[A-Za-z]/;

class Results {
  constructor() { this.passed = 0; this.failed = 0; this.skipped = []; this.failures = []; this.journey = ''; }
  check(name, ok, detail) {
    const label = (this.journey ? `[${this.journey}] ` : '') + name;
    // long token values in URLs say nothing to a reader
    if (detail) detail = String(detail).replace(/([?&][a-z_]+=)([^&\s"]{24})[^&\s"]+/gi, '$1$2…');
    if (ok) this.passed++; else { this.failed++; this.failures.push(label + (detail ? ': ' + detail : '')); }
    console.log((ok ? 'ok   ' : 'FAIL ') + label + (ok || !detail ? '' : ': ' + String(detail).slice(0, 600)));
    return !!ok;
  }
  skip(name, why) {
    this.skipped.push(name);
    console.log(`SKIP [${name}] ${why}`);
  }
  summary() {
    const s = `${this.passed} passed, ${this.failed} failed, ${this.skipped.length} skipped`
      + (this.skipped.length ? ` (not walked: ${this.skipped.join('; ')})` : '');
    return s;
  }
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // this machine: root in a container, no GPU, no outside network
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** What a person can read: the visible text, button captions and every option label of selects and menus. */
async function visibleText(page) {
  return page.evaluate(() => {
    const parts = [document.title, document.body ? document.body.innerText : ''];
    for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) parts.push(el.value);
    for (const el of document.querySelectorAll('option, [role=option], [role=menuitem]')) parts.push(el.textContent);
    for (const el of document.querySelectorAll('[placeholder]')) parts.push(el.getAttribute('placeholder'));
    return parts.join('\n');
  });
}

function rawKeysIn(text) {
  return [...new Set(text.split('\n').filter(line => RAW_KEY.test(line)).map(l => l.trim()))].slice(0, 5);
}

function errorsIn(text) {
  return ERROR_TEXTS.filter(e => text.includes(e));
}

/**
 * A person's browser tab. Every page the tab loads is read once it has loaded, so a raw key or an error
 * on a page that is only passed through is caught too (see checkVisited).
 */
class Person {
  constructor(walker, context, label) {
    this.walker = walker;
    this.context = context;
    this.label = label;
    this.visited = [];
    this.reported = new Set();
    this.documents = new Map();
  }

  static async open(walker, label, { locale }) {
    const context = await walker.browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
    const person = new Person(walker, context, label);
    // Every tab of this browser is watched from its first response on, also tabs a link opens by itself.
    context.on('page', page => page.on('load', () => person.readVisited(page)));
    context.on('response', resp => {
      const req = resp.request();
      if (!req.isNavigationRequest() || resp.status() !== 200) return;
      let frame;
      try { frame = req.frame(); } catch (e) { return; } // a tab's very first request (see servedHtml)
      if (frame === frame.page().mainFrame()) {
        // read at once: Chromium may drop the body of an earlier document later
        person.documents.set(frame.page(), { url: resp.url(), text: resp.text().catch(() => '') });
      }
    });
    await person.newTab();
    return person;
  }

  /** A new tab in the same browser (same cookies), as when a person clicks a link in their mail program. */
  async newTab() {
    this.page = await this.context.newPage();
    return this.page;
  }

  /** Goes on in a tab the browser opened by itself (a link with target=_blank). */
  adopt(page) {
    this.page = page;
    return page;
  }

  async readVisited(page) {
    const url = page.url();
    try {
      const text = await visibleText(page);
      this.visited.push({ url, rawKeys: rawKeysIn(text), errors: errorsIn(text) });
    } catch (e) {
      this.visited.push({ url, rawKeys: [], errors: [] }); // navigated on before it could be read
    }
  }

  /**
   * Waits for the settled page: no network for 500 ms and the element a person is looking for visible.
   * Then checks what a person sees there and keeps a screenshot when a name is given.
   * Answers whether the page was reached (settled, and at `url` when given).
   */
  async settle(step, { visible, url, texts = [], lang, screenshot, allowErrors = [] }) {
    const r = this.walker.results;
    const page = this.page;
    try {
      if (url) await page.waitForURL(url, { timeout: 30000 });
      await page.waitForLoadState('networkidle', { timeout: 30000 });
      if (visible) await page.locator(visible).first().waitFor({ state: 'visible', timeout: 30000 });
      await page.waitForLoadState('networkidle', { timeout: 30000 });
    } catch (e) {
      const shot = await this.walker.screenshot(page, screenshot ? screenshot + '-FAILED' : `failed-${Date.now()}`);
      r.check(`${step}: the page settles on ${visible || url}`, false,
        `at ${page.url()}, screenshot ${shot}, text: ${(await visibleText(page).catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`);
      return false;
    }
    const text = await visibleText(page);
    const found = { url: page.url(), rawKeys: rawKeysIn(text), errors: errorsIn(text).filter(e => !allowErrors.includes(e)) };
    const shot = screenshot ? await this.walker.screenshot(page, screenshot) : null;
    const where = `at ${page.url()}` + (shot ? `, screenshot ${shot}` : '');
    // The page was reached; what it shows is checked below and counted, but does not stop the journey.
    const reached = !url || r.check(`${step}: the browser is at ${url}`, url.test(page.url()), where);
    let ok = true;
    for (const t of texts) {
      ok = r.check(`${step}: the page shows "${t}"`, text.includes(t),
        `${where}, text: ${text.replace(/\s+/g, ' ').slice(0, 400)}`) && ok;
    }
    if (lang) {
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      ok = r.check(`${step}: the page is in ${lang}`, htmlLang.startsWith(lang), `${where}, <html lang="${htmlLang}">`) && ok;
    }
    // A finding already reported on this tab is not counted again on the next step of the same page.
    const errors = this.unreported('error', found.errors);
    ok = r.check(`${step}: no error text`, errors.length === 0, `${where}: ${errors.join(', ')}`) && ok;
    const raw = this.unreported('key', found.rawKeys);
    ok = r.check(`${step}: no raw message key`, raw.length === 0, `${where}: ${raw.join(' | ')}`) && ok;
    const seen = [...found.errors, ...found.rawKeys].filter(x => !errors.includes(x) && !raw.includes(x));
    if (seen.length) console.log(`     (still on the page, reported before: ${seen.join(' | ')})`);
    return reached;
  }

  unreported(kind, findings) {
    const fresh = findings.filter(f => !this.reported.has(kind + f));
    fresh.forEach(f => this.reported.add(kind + f));
    return fresh;
  }

  /**
   * The journey-end check: no raw key and no error text on any page this tab loaded on the way, also the pages
   * only passed through (those the steps' own checks reported already are not counted twice).
   */
  checkVisited(step, allowErrors = []) {
    const bad = [];
    for (const v of this.visited) {
      const found = [...this.unreported('key', v.rawKeys),
        ...this.unreported('error', v.errors.filter(e => !allowErrors.includes(e)))];
      if (found.length) bad.push(`${v.url} -> ${found.join(' | ')}`);
    }
    this.walker.results.check(`${step}: no raw key or error text on any of the ${this.visited.length} pages loaded`,
      bad.length === 0, bad.join('; '));
  }

  /** The current page's HTML as the server sent it, before any script ran. */
  async servedHtml() {
    const doc = this.documents.get(this.page);
    if (doc && doc.url === this.page.url()) return (await doc.text) || '';
    // A tab a link opened by itself does not report its first document; ask the server for the same page,
    // with this browser's cookies (a GET of a Keycloak form page renders it again, unchanged).
    const res = await this.context.request.get(this.page.url(), { maxRedirects: 0 }).catch(() => null);
    return res && res.ok() ? res.text() : '';
  }

  async close() { await this.context.close(); }
}

/** The parts of a mail from GreenMail's API, decoded (7bit, 8bit, quoted-printable, base64). */
function parseMime(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const headers = {};
  head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/).forEach(line => {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  });
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (/^multipart\//i.test(type) && boundary) {
    return body.split('--' + boundary[1]).slice(1).filter(p => !p.startsWith('--'))
      .flatMap(p => parseMime(p.replace(/^\r?\n/, '')));
  }
  const encoding = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let buffer;
  if (encoding === 'base64') buffer = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') {
    buffer = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi,
      (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  } else buffer = Buffer.from(body, 'utf8');
  return [{ type: type.split(';')[0].trim().toLowerCase(), text: buffer.toString('utf8') }];
}

class Walker {
  constructor({ port, mailPort, realm, shots }) {
    this.base = `http://localhost:${port}`;
    this.mailBase = `http://localhost:${mailPort}`;
    this.realm = realm;
    this.realmUrl = `${this.base}/realms/${realm}`;
    this.accountUrl = `${this.realmUrl}/account/`;
    this.adminConsoleUrl = `${this.base}/admin/${realm}/console/`;
    this.shots = shots;
    this.results = new Results();
    this.run = Date.now().toString(36);
  }

  async start() {
    fs.mkdirSync(this.shots, { recursive: true });
    this.browser = await launch();
  }

  async stop() { if (this.browser) await this.browser.close(); }

  async screenshot(page, name) {
    const file = path.join(this.shots, name.replace(/[^A-Za-z0-9._-]/g, '-') + '.png');
    try { await page.screenshot({ path: file, fullPage: false }); } catch (e) { return `(no screenshot: ${e.message})`; }
    return file;
  }

  /** A fresh address for this run, so a rerun against the same ./run.sh does not meet its own users. */
  address(who) { return `${who}.${this.run}@example.org`; }

  // --- the mail catcher ---------------------------------------------------------------------------

  async mails(address) {
    const res = await fetch(`${this.mailBase}/api/user/${encodeURIComponent(address)}/messages/INBOX`);
    if (!res.ok) return [];
    return (await res.json()).map(m => {
      const parts = parseMime(m.mimeMessage);
      const part = type => (parts.find(p => p.type === type) || { text: '' }).text;
      return { subject: m.subject, text: part('text/plain'), html: part('text/html') };
    });
  }

  /** Waits for mail number `count` (1-based) to reach `address`. */
  async waitForMail(address, count = 1, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const all = await this.mails(address).catch(() => []);
      if (all.length >= count) return all[count - 1];
      await new Promise(r => setTimeout(r, 500));
    }
    return null;
  }

  /** The first link in the mail's text part that goes to Keycloak's action-token endpoint. */
  static actionLink(mail) {
    const m = mail && /https?:\/\/\S+\/login-actions\/action-token\?\S+/.exec(mail.text);
    return m ? m[0] : null;
  }

  /** Shows the mail's HTML part in the browser, as a mail program would, and keeps a screenshot. */
  async showMail(mail, name) {
    const context = await this.browser.newContext({ viewport: { width: 760, height: 640 } });
    const page = await context.newPage();
    await page.route('**/*', route => route.request().url().startsWith('data:') ? route.continue() : route.abort());
    await page.setContent(mail.html || `<pre>${mail.text.replace(/</g, '&lt;')}</pre>`);
    const text = await visibleText(page);
    const file = await this.screenshot(page, name);
    await context.close();
    return { text, file, rawKeys: rawKeysIn(text + '\n' + mail.subject + '\n' + mail.text) };
  }

  /**
   * Reads the mail as a person does in the demo's web inbox (./run.sh --inbox-port): the list, the mail, and a
   * click on its main link, which opens in a new tab. Answers whether the link's tab is open (person.page).
   */
  async openMailInInbox(person, address, linkPart, step, shot) {
    const page = person.page;
    await page.goto(`${this.inboxBase}/?to=${encodeURIComponent(address)}`);
    if (!await person.settle(`${step}: the web inbox lists the mail`, { visible: 'table a[href*="/mail?"]' })) return false;
    await page.locator('table a[href*="/mail?"]').first().click();
    if (!await person.settle(`${step}: the mail in the web inbox`, { visible: 'iframe', screenshot: shot })) return false;
    const link = page.frameLocator('iframe').locator(`a[href*="${linkPart}"]`).first();
    if (!this.results.check(`${step}: the mail shows a link to click`, await link.count() > 0)) return false;
    const [tab] = await Promise.all([person.context.waitForEvent('page'), link.click()]);
    person.adopt(tab);
    return true;
  }

  // --- the demo realm's admin REST, for set-up and read-back ------------------------------------

  /** One token per admin, reused until shortly before it expires (many password grants a second look like an attack). */
  async adminToken(master = false) {
    const key = master ? 'master' : 'realm';
    this.tokens = this.tokens || {};
    const cached = this.tokens[key];
    if (cached && cached.until > Date.now()) return cached.token;
    const [realm, username, password] = master
      ? ['master', 'admin', fs.readFileSync(this.masterPasswordFile, 'utf8').trim()]
      : [this.realm, this.adminUser, this.adminPassword];
    const res = await fetch(`${this.base}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
    });
    if (!res.ok) throw new Error(`admin token for ${username}@${realm}: HTTP ${res.status} ${await res.text()}`);
    const json = await res.json();
    this.tokens[key] = { token: json.access_token, until: Date.now() + (json.expires_in - 30) * 1000 };
    return json.access_token;
  }

  async admin(method, pathAndQuery, body, { master = false } = {}) {
    const token = await this.adminToken(master);
    const res = await fetch(`${this.base}/admin/realms/${this.realm}${pathAndQuery}`, {
      method, headers: { Authorization: 'Bearer ' + token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = text; }
    return { status: res.status, body: json, location: res.headers.get('location') };
  }

  async userByEmail(email) {
    const { body } = await this.admin('GET', `/users?exact=true&email=${encodeURIComponent(email)}`);
    return Array.isArray(body) && body.length ? body[0] : null;
  }

  /** Realm settings need manage-realm, which the demo administrator does not have: the master admin sets them. */
  async setRealmAttributes(attributes) {
    const { body: realm } = await this.admin('GET', '', null, { master: true });
    realm.attributes = { ...(realm.attributes || {}), ...attributes };
    return this.admin('PUT', '', { attributes: realm.attributes }, { master: true });
  }
}

module.exports = { Walker, Person, Results, visibleText, rawKeysIn, errorsIn, parseMime, RAW_KEY, ERROR_TEXTS };
