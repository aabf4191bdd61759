#!/usr/bin/env node
// Walks the people's paths of account-lifecycle in a real Chromium against a running ./run.sh, the way a
// person does: every step waits for the settled final page, then checks what the person sees there (the right
// page, their name, their language, no error text, no raw message key), and keeps a screenshot of it.
//
//   node scripts/browser/walk.js --port 8080 --mail-port 8025 [--only create,resend] [--langs nl,en]
//                                [--shots docs/screenshots] [--inbox-port 8024] [--odoo-port 8069]
//
// Needs playwright-core on NODE_PATH and Debian's /usr/bin/chromium (or CHROMIUM=...); scripts/ci-smoke.sh
// installs both. The demo administrator (demo-admin) does the admin console steps; the one realm setting the
// walk changes (and restores) is set by the master admin whose password ./run.sh keeps in
// .run/bootstrap-admin-password (--master-password-file). Prints 'N passed, N failed, N skipped' last; a journey
// that cannot run is skipped, never counted as passed; exits 1 on any failure.
const path = require('path');
const { Walker } = require('./lib/walker');

const JOURNEYS = [
  ['create', require('./journeys/admin-create'), true],
  ['resend', require('./journeys/console-resend'), true],
  ['forgot', require('./journeys/forgot-password'), true],
  ['update-password', require('./journeys/update-password-at-login'), true],
  ['self-email', require('./journeys/self-email-change'), true],
  ['admin-email', require('./journeys/admin-email-confirm'), true],
  ['bad-links', require('./journeys/bad-links'), true],
  ['odoo', require('./journeys/odoo-listing'), false],
];

function args(argv) {
  const a = { port: 8080, mailPort: 8025, realm: 'demo', langs: ['nl', 'en'], only: null,
    shots: path.join(__dirname, '..', '..', 'docs', 'screenshots'), odooPort: null,
    adminUser: 'demo-admin', adminPassword: 'Demo-Admin-2026',
    masterPasswordFile: path.join(__dirname, '..', '..', '.run', 'bootstrap-admin-password') };
  for (let i = 2; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--port') a.port = Number(v);
    else if (k === '--mail-port') a.mailPort = Number(v);
    else if (k === '--odoo-port') a.odooPort = Number(v);
    else if (k === '--inbox-port') a.inboxPort = Number(v);
    else if (k === '--realm') a.realm = v;
    else if (k === '--langs') a.langs = v.split(',');
    else if (k === '--only') a.only = v.split(',');
    else if (k === '--shots') a.shots = v;
    else if (k === '--master-password-file') a.masterPasswordFile = v;
    else { console.error(`unknown option ${k}`); process.exit(2); }
  }
  return a;
}

(async () => {
  const a = args(process.argv);
  const walker = new Walker({ port: a.port, mailPort: a.mailPort, realm: a.realm, shots: a.shots });
  walker.adminUser = a.adminUser;
  walker.adminPassword = a.adminPassword;
  walker.masterPasswordFile = a.masterPasswordFile;
  walker.odooPort = a.odooPort;
  walker.inboxBase = a.inboxPort ? `http://localhost:${a.inboxPort}` : null;
  const started = Date.now();
  try {
    await walker.start();
    for (const [name, journey, perLanguage] of JOURNEYS) {
      if (a.only && !a.only.includes(name)) continue;
      for (const lang of perLanguage ? a.langs : [a.langs[0]]) {
        walker.results.journey = `${name} ${lang}`;
        const t = Date.now();
        console.log(`== ${name} (${lang})`);
        try {
          await journey(walker, lang);
        } catch (e) {
          walker.results.check('the journey runs to its end', false, e.stack || String(e));
        }
        console.log(`   ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    walker.results.journey = '';
    await walker.stop();
  }
  const r = walker.results;
  if (r.failures.length) console.log('\nFailed:\n  ' + r.failures.map(f => f.slice(0, 300)).join('\n  '));
  console.log(`\nScreenshots in ${a.shots}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(r.summary());
  process.exit(r.failed ? 1 : 0);
})();
