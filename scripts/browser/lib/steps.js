// Steps that several journeys share, each done the way a person does it in the browser.
const { Person, visibleText } = require('./walker');

const LOCALES = { nl: 'nl-NL', en: 'en-US' };

// What a person reads on our pages, per language: enough to tell the right page in the right language.
const TEXT = {
  nl: { welcome: 'Welkom', personalInfo: 'Persoonlijke informatie', alreadyActivated: 'al geactiveerd',
    replaced: 'vervangen', expired: 'verlopen' },
  en: { welcome: 'Welcome', personalInfo: 'Personal info', alreadyActivated: 'already activated',
    replaced: 'replaced', expired: 'expired' },
};

// Who walks which journey: ordinary Dutch names, most with a tussenvoegsel, as the README's pictures show them.
const NAMES = {
  create: { nl: ['Sanne', 'van der', 'Berg'], en: ['Emma', 'de', 'Vries'] },
  resend: { nl: ['Daan', 'van', 'Dijk'], en: ['Noah', 'van den', 'Broek'] },
  forgot: { nl: ['Fleur', 'de', 'Jong'], en: ['Julia', 'van', 'Leeuwen'] },
  pwupdate: { nl: ['Lars', 'ter', 'Horst'], en: ['Olivia', 'van der', 'Meer'] },
  selfmail: { nl: ['Bram', 'de', 'Graaf'], en: ['Mila', 'van', 'Wijk'] },
  adminmail: { nl: ['Ruben', 'van', 'Beek'], en: ['Tess', 'de', 'Boer'] },
  usedlink: { nl: ['Jesse', 'van', 'Dam'], en: ['Lotte', 'de', 'Wit'] },
  replaced: { nl: ['Sem', 'van der', 'Linden'], en: ['Eva', 'van', 'Rijn'] },
  expired: { nl: ['Finn', 'de', 'Bruijn'], en: ['Sara', 'van', 'Vliet'] },
};

/** A person who will be created, with a fresh address for this walk. */
function newPerson(walker, who, lang) {
  const [firstName, infix, lastName] = (NAMES[who] || {})[lang] || ['Kim', 'van', 'Loon'];
  return { email: walker.address(`${who}-${lang}`), firstName, infix, lastName, password: `Welkom2026${lang}X`, lang };
}

/** Opens the demo realm's admin console in a new tab and logs in as the demo administrator. */
async function adminConsole(walker, lang, step) {
  const admin = await Person.open(walker, 'admin', { locale: LOCALES[lang] });
  await admin.page.goto(walker.adminConsoleUrl);
  await admin.settle(`${step}: the admin console asks the admin to log in`, { visible: '#username' });
  await admin.page.fill('#username', walker.adminUser);
  await admin.page.fill('#password', walker.adminPassword);
  await admin.page.click('#kc-login');
  const ok = await admin.settle(`${step}: the admin console opens`, { visible: '[data-testid=nav-item-users]' });
  return ok ? admin : null;
}

/** Users → search the email → open the user. */
async function openUserInConsole(admin, email, step) {
  const page = admin.page;
  await page.click('[data-testid=nav-item-users]');
  await admin.settle(`${step}: the user list`, { visible: '[data-testid=add-user]' });
  const search = page.locator('[data-testid=table-search-input] input').first();
  await search.fill(email);
  await search.press('Enter');
  const link = page.getByRole('link', { name: email, exact: true });
  await link.first().waitFor({ state: 'visible', timeout: 15000 });
  await link.first().click();
  return admin.settle(`${step}: the user's details`, { visible: '[data-testid=user-creation-save], [data-testid=save-user]', texts: [email] });
}

/**
 * The activation page as a person meets it: greeted by name, the rule checklist visible before typing,
 * ticking while typing; then a valid password and the account console, logged in, showing the name.
 */
async function activate(walker, person, user, link, step, shotPrefix) {
  const r = walker.results;
  const page = person.page;
  await openLink(person, link, `${step}: the link`, `${shotPrefix}-first-page`, user.lang);
  const onActivation = await person.settle(`${step}: the activation page`, {
    visible: '#kc-activate-account-form', texts: [user.firstName], lang: user.lang,
    screenshot: `${shotPrefix}-activation-page`,
  });
  if (!onActivation) return false;

  await checklist(walker, person, user, step, `${shotPrefix}-checklist`);
  await page.fill('#password-confirm', user.password);
  await page.click('#kc-activate-account-submit');
  return landsLoggedIn(walker, person, user, `${step}: after activation`, `${shotPrefix}-landed`);
}

/**
 * The password checklist as a person uses it: all rules listed before typing (from the HTML as served, not
 * after a script fetched them), nothing ticked yet, plain Dutch plurals; a good password ticks every rule the
 * browser can check. Types the user's password into #password-new.
 */
async function checklist(walker, person, user, step, shot) {
  const r = walker.results;
  const page = person.page;
  const rules = await page.locator('#al-password-rules li').evaluateAll(items =>
    items.map(li => ({ visible: li.offsetParent !== null, text: li.innerText.trim(), ticked: li.getAttribute('aria-checked') === 'true' })));
  r.check(`${step}: the password rules are listed before typing`, rules.length >= 6 && rules.every(x => x.visible && x.text),
    JSON.stringify(rules));
  const served = (await person.servedHtml()).match(/<li[^>]*data-rule=/g) || [];
  r.check(`${step}: the rules are in the HTML as served, not only after a script ran`, served.length >= 6,
    `${served.length} rule items in the served HTML of ${page.url()}`);
  r.check(`${step}: nothing is ticked before typing`, !rules.some(x => x.ticked), JSON.stringify(rules));
  if (user.lang === 'nl') {
    r.check(`${step}: the Dutch rules are written without "(s)" plurals`, !rules.some(x => x.text.includes('(s)')),
      rules.map(x => x.text).filter(t => t.includes('(s)')).join(' | '));
  }
  // Lowercase letters only: the length and the lowercase rule tick, the others stay open.
  await page.fill('#password-new', 'abcdefgh');
  await page.locator('#al-password-rules li[aria-checked="true"]').first().waitFor({ timeout: 5000 }).catch(() => {});
  const partial = await page.locator('#al-password-rules li').evaluateAll(items =>
    Object.fromEntries(items.map(li => [li.dataset.rule, li.getAttribute('aria-checked') === 'true'])));
  r.check(`${step}: "abcdefgh" ticks the length and the lowercase rule only`,
    partial.length && partial.lowerCase && !partial.digits && !partial.upperCase, JSON.stringify(partial));
  await page.fill('#password-new', user.password);
  const ticked = await page.locator('#al-password-rules li').evaluateAll(items => items.map(li => ({
    rule: li.dataset.rule, text: li.innerText.trim(), check: li.dataset.check, ticked: li.getAttribute('aria-checked') === 'true' })));
  r.check(`${step}: a good password ticks every rule the browser checks, the others say they are checked on saving`,
    ticked.every(x => x.ticked || (x.check === 'server' && /opslaan|sav/i.test(x.text))),
    JSON.stringify(ticked.filter(x => !x.ticked)));
  await walker.screenshot(page, shot);
}

/**
 * Opens a link from a mail. Keycloak's execute-actions links first show a page listing the actions with a link
 * to go on: that page is checked like any other, and the person clicks on.
 */
async function openLink(person, link, step, shot, lang) {
  const page = person.page;
  if (link) await page.goto(link); // else the link is already opening in this tab
  await page.waitForLoadState('networkidle');
  const proceed = page.locator('#kc-info-message a[href*="/login-actions/"]');
  if (await proceed.first().isVisible().catch(() => false)) {
    await person.settle(`${step}: the page listing the actions to take`, { visible: '#kc-info-message', lang, screenshot: shot });
    await proceed.first().click();
  }
}

/** The settled account console, showing the person's name: what "logged in" looks like to a person. */
async function landsLoggedIn(walker, person, user, step, shot) {
  return person.settle(step, {
    url: /\/realms\/[^/]+\/account\//,
    visible: `text=${user.firstName}`,
    texts: [user.firstName, user.lastName, TEXT[user.lang].personalInfo],
    screenshot: shot,
  });
}

/** Logs in on Keycloak's login page with email and password. */
async function login(person, user, step) {
  await person.settle(`${step}: the login page`, { visible: '#username', lang: user.lang });
  await person.page.fill('#username', user.email);
  await person.page.fill('#password', user.password);
  await person.page.click('#kc-login');
}

/** Set-up only: a person who already has an account with a password (created over admin REST). */
async function existingUser(walker, user, extra = {}) {
  const res = await walker.admin('POST', '/users', {
    ...extra,
    username: user.email, email: user.email, firstName: user.firstName, lastName: user.lastName,
    enabled: true, emailVerified: true, attributes: { infix: [user.infix], locale: [user.lang] },
    credentials: [{ type: 'password', value: user.password, temporary: false }],
  });
  if (res.status !== 201) throw new Error(`creating ${user.email}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  user.id = res.location.split('/').pop();
  return user;
}

/** Checks the mail a person receives: it arrived, greets them by name, has no raw key; keeps a picture. */
async function readMail(walker, user, count, step, shot) {
  const r = walker.results;
  const mail = await walker.waitForMail(user.email, count);
  if (!r.check(`${step}: the mail reaches ${user.email}`, mail !== null)) return null;
  const shown = await walker.showMail(mail, shot);
  r.check(`${step}: the mail greets ${user.firstName} by name`, shown.text.includes(user.firstName),
    `${shown.file}: ${shown.text.replace(/\s+/g, ' ').slice(0, 300)}`);
  r.check(`${step}: the mail has no raw message key`, shown.rawKeys.length === 0, `${shown.file}: ${shown.rawKeys.join(' | ')}`);
  return mail;
}

/**
 * A page where a link from a mail ends without logging the person in (a used, tampered or expired link, a
 * confirmation): themed, in their language, no error text, no raw
 * key, and a next step that works. nextStep 'sign-in': a link that leads to the login page; 'resend': the form to
 * ask for a new link; 'sign-in-or-resend': either.
 */
async function linkEndPage(walker, person, lang, step, shot, { texts = [], nextStep }) {
  const r = walker.results;
  const page = person.page;
  const settled = await person.settle(step, { visible: '#kc-page-title, #kc-content', texts, lang, screenshot: shot });
  if (!settled) return false;
  r.check(`${step}: the page is in the account-lifecycle theme`,
    await page.locator('link[href*="account-lifecycle"]').count() > 0, page.url());
  const text = await visibleText(page);
  r.check(`${step}: no dead-end "back to application" link`, !/Terugkeren naar applicatie|Back to Application/i.test(text),
    text.replace(/\s+/g, ' ').slice(0, 300));

  const resendForm = page.locator('#al-resend-form');
  const hasResend = await resendForm.isVisible().catch(() => false);
  const signIn = page.locator('#kc-content a[href]:visible, #kc-info-message a[href]:visible, #kc-error-message a[href]:visible')
    .filter({ hasNotText: /^(Nederlands|English|Dutch)$/ });
  const hasSignIn = await signIn.count() > 0;
  const wants = { 'sign-in': hasSignIn, resend: hasResend, 'sign-in-or-resend': hasSignIn || hasResend }[nextStep];
  if (!r.check(`${step}: the page offers a next step (${nextStep})`, wants,
    `at ${page.url()}: resend form ${hasResend}, links ${await signIn.allInnerTexts().catch(() => [])}`)) return false;
  if (hasSignIn && nextStep !== 'resend') {
    await signIn.first().click();
    await person.settle(`${step}: its link leads to signing in`, { visible: '#username, [data-testid=page-header], #kc-page-title',
      lang });
    r.check(`${step}: its link leads to the login page or the signed-in account console`,
      await page.locator('#username').isVisible().catch(() => false) || /\/account\//.test(page.url()), page.url());
  }
  return true;
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

/** The user's attributes as the console's Attributes tab shows them: {key: value}. */
async function consoleAttributes(page) {
  const keys = await page.$$eval('[data-testid=unmanagedAttributes-key]', els => els.map(e => e.value));
  const values = await page.$$eval('[data-testid=unmanagedAttributes-value]', els => els.map(e => e.value));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

module.exports = { checklist, openLink, ISO_SECONDS, consoleAttributes, linkEndPage, LOCALES, TEXT, newPerson, adminConsole, openUserInConsole, activate, landsLoggedIn, login,
  existingUser, readMail, visibleText };
