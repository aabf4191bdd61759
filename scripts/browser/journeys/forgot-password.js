// Journey 3: a person with an account forgot the password. From the account console's login page:
// "Forgot password?" → email → the mail → the link (in a new tab of the same browser) → a new password with the
// checklist → lands logged in on the account console, showing the name.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

module.exports = async function forgotPassword(walker, lang) {
  const r = walker.results;
  const step = `forgot password (${lang})`;
  const user = await S.existingUser(walker, S.newPerson(walker, 'forgot', lang)); // set-up: an active account
  user.password = `Nieuw2026${lang}Y`;

  const person = await Person.open(walker, user.email, { locale: S.LOCALES[lang] });
  const page = person.page;
  await page.goto(walker.accountUrl);
  await person.settle(`${step}: the login page`, { visible: '#username', lang, screenshot: `forgot-login-${lang}` });
  const forgot = page.locator('a[href*="reset-credentials"]');
  if (!r.check(`${step}: the login page offers "forgot password"`, await forgot.count() > 0, page.url())) { await person.close(); return; }
  await forgot.first().click();
  await person.settle(`${step}: the reset page`, { visible: '#username', url: /reset-credentials/, lang,
    screenshot: `forgot-reset-${lang}` });
  await page.fill('#username', user.email);
  await page.locator('#kc-reset-password-form [type=submit]').first().click();
  await person.settle(`${step}: after asking for the mail`, { visible: '#kc-page-title', lang, screenshot: `forgot-sent-${lang}` });

  const mail = await S.readMail(walker, user, 1, `${step}: the reset mail`, `mail-reset-password-${lang}`);
  const link = Walker.actionLink(mail);
  if (!r.check(`${step}: the mail carries a reset link`, link !== null, mail && mail.text)) { await person.close(); return; }

  await person.newTab(); // the person clicks the link in the mail program: a new tab of the same browser
  await S.openLink(person, link, `${step}: the link`, `forgot-link-first-page-${lang}`, lang);
  const onForm = await person.settle(`${step}: the new-password page`, { visible: '#password-new', lang,
    screenshot: `forgot-new-password-${lang}` });
  if (onForm) {
    await S.checklist(walker, person, user, step, `forgot-checklist-${lang}`);
    await person.page.fill('#password-confirm', user.password);
    await person.page.locator('#kc-passwd-update-form [type=submit]').first().click();
    await S.landsLoggedIn(walker, person, user, `${step}: after the new password`, `forgot-landed-${lang}`);
  }
  person.checkVisited(`${step} (person)`);
  await person.close();
};
