// Opens an activation link in a real browser (Debian's Chromium) and checks what the user sees:
// the checklist ticks rules while typing, a valid password logs the user in.
// Then logs in as a user who must update the password and checks the same checklist on Keycloak's page.
// Usage: node activation-page.js <file written by smoke-installed.py --browser-link-file>.
// Prints 'N passed, N failed' last.
const { chromium } = require('playwright-core');

const results = { passed: 0, failed: 0 };
function check(name, ok, detail) {
  results[ok ? 'passed' : 'failed']++;
  console.log((ok ? 'ok   ' : 'FAIL ') + name + (ok || !detail ? '' : ': ' + detail));
}

(async () => {
  const input = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    await page.goto(input.activationLink);
    const ticked = async () => page.$$eval('#al-password-rules li[aria-checked]',
      items => Object.fromEntries(items.map(li => [li.dataset.rule, li.getAttribute('aria-checked') === 'true'])));

    let state = await ticked();
    check('nothing is ticked before typing', Object.values(state).length >= 6 && !Object.values(state).some(Boolean),
      JSON.stringify(state));
    await page.fill('#password-new', 'abcdefgh');
    state = await ticked();
    check('lowercase letters tick length and lowercase only', state.length && state.lowerCase && !state.digits
      && !state.upperCase, JSON.stringify(state));
    await page.fill('#password-new', 'Abcdefg1');
    state = await ticked();
    check('a password that meets the policy ticks every rule', Object.values(state).every(Boolean), JSON.stringify(state));
    const serverOnly = await page.$$eval('#al-password-rules li[data-check="server"]', items => items.length);
    check('the history rule is listed and left to the server', serverOnly === 1, String(serverOnly));

    await page.fill('#password-confirm', 'Abcdefg1');
    await Promise.all([page.waitForURL(/\/account\//), page.click('#kc-activate-account-submit')]);
    check('activating leads to the account console', /\/realms\/[^/]+\/account\//.test(page.url()), page.url());

    const other = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
    await other.goto(input.accountUrl);
    await other.waitForSelector('#username');
    await other.fill('#username', input.updateUser);
    await other.fill('#password', input.updatePassword);
    await Promise.all([other.waitForSelector('#password-new'), other.click('#kc-login')]);
    await other.waitForSelector('#al-password-rules li');
    const listed = await other.$$eval('#al-password-rules li', items => items.map(li => li.textContent.trim()));
    check('the update-password page lists the rules in Dutch', listed.length >= 6 && listed[0].includes('tekens'),
      JSON.stringify(listed));
    await other.fill('#password-new', 'Nieuw2026wachtwoord');
    const all = await other.$$eval('#al-password-rules li[aria-checked]', items => items.every(li => li.getAttribute('aria-checked') === 'true'));
    check('typing a good password ticks the rules on the update-password page', all);
  } catch (e) {
    check('browser run', false, String(e));
  } finally {
    await browser.close();
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
})();
