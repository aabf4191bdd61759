// Journey 5: with the realm setting accountLifecycle.emailChange.consoleMode=confirm, an admin edits a user's
// email in the admin console. The address stays as it was, the console shows the pending address read-only,
// the confirmation link goes to the new address; the person opens it, signs in with the new address and sees it.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

const SETTING = 'accountLifecycle.emailChange.consoleMode';

module.exports = async function adminEmailConfirm(walker, lang) {
  const r = walker.results;
  const step = `admin email change, consoleMode=confirm (${lang})`;
  const user = await S.existingUser(walker, S.newPerson(walker, 'adminmail', lang)); // set-up: an active account
  const oldEmail = user.email;
  const newEmail = walker.address(`adminmail-new-${lang}`);

  const { body: realm } = await walker.admin('GET', '', null, { master: true });
  const before = (realm.attributes || {})[SETTING];
  const set = await walker.setRealmAttributes({ [SETTING]: 'confirm' }); // set-up: the realm setting
  if (!r.check(`${step}: set-up: the realm setting is saved`, set.status === 204, JSON.stringify(set.body))) return;
  try {
    const admin = await S.adminConsole(walker, lang, step);
    if (!admin) return;
    const page = admin.page;
    if (!await S.openUserInConsole(admin, user.email, step)) { await admin.close(); return; }
    await page.fill('#email', newEmail);
    await page.click('[data-testid=user-creation-save]');
    await admin.settle(`${step}: the console saves the edit`, { visible: '[data-testid=global-alerts] li',
      screenshot: `console-email-confirm-saved-${lang}` });
    const alert = await page.locator('[data-testid=global-alerts] li').first().innerText().catch(() => '');
    r.check(`${step}: the console reports no error on saving`, !/error|fout|could not|kon niet/i.test(alert), alert);

    await page.reload();
    await admin.settle(`${step}: the user's page again`, { visible: '[data-testid=attributesTab]' });
    const shownEmail = await page.locator('#email').inputValue().catch(() => '');
    r.check(`${step}: the address stays as it was until the person confirms`, shownEmail === oldEmail,
      `the console shows "${shownEmail}"`);
    await page.click('[data-testid=attributesTab]');
    await admin.settle(`${step}: the pending address in the console`, { visible: '[data-testid=unmanagedAttributes-key]',
      screenshot: `console-email-pending-${lang}` });
    const attrs = await S.consoleAttributes(page);
    r.check(`${step}: the console shows the pending address`, attrs['accountLifecycle.emailChange.pendingEmail'] === newEmail,
      JSON.stringify(attrs));
    const readOnly = await page.locator('[data-testid=unmanagedAttributes-value]').evaluateAll((els, name) => {
      const keys = [...document.querySelectorAll('[data-testid=unmanagedAttributes-key]')].map(e => e.value);
      const el = els[keys.indexOf(name)];
      return el ? el.readOnly || el.disabled : null;
    }, 'accountLifecycle.emailChange.pendingEmail');
    r.check(`${step}: the pending address cannot be edited in the console`, readOnly === true, `readOnly=${readOnly}`);
    admin.checkVisited(`${step} (admin)`);
    await admin.close();

    const mail = await S.readMail(walker, { ...user, email: newEmail }, 1, `${step}: the confirmation mail at the new address`,
      `mail-admin-email-confirm-${lang}`);
    const link = Walker.actionLink(mail);
    if (!r.check(`${step}: the mail carries a confirmation link`, link !== null, mail && mail.text)) return;

    const person = await Person.open(walker, newEmail, { locale: S.LOCALES[lang] });
    await S.openLink(person, link, `${step}: the link`, `admin-email-link-first-page-${lang}`, lang);
    await S.linkEndPage(walker, person, lang, `${step}: the confirmation page`, `admin-email-confirmed-${lang}`,
      { texts: [newEmail], nextStep: 'sign-in' });
    // The person signs in with the new address (logoutOnConfirm ended the sessions).
    if (await person.page.locator('#username').isVisible().catch(() => false)) {
      await S.login(person, { ...user, email: newEmail }, step);
    }
    if (await S.landsLoggedIn(walker, person, user, `${step}: signed in with the new address`, `admin-email-after-${lang}`)) {
      const shown = await person.page.locator('input#email').inputValue().catch(() => '');
      r.check(`${step}: the account console shows the new address`, shown === newEmail, `shows "${shown}"`);
    }
    person.checkVisited(`${step} (person)`);
    await person.close();

    await S.readMail(walker, { ...user, email: oldEmail }, 1, `${step}: the notice at the old address`,
      `mail-admin-email-notice-${lang}`);
  } finally {
    await walker.setRealmAttributes({ [SETTING]: before === undefined ? 'immediate' : before });
  }
};
