// Journey 4: a person changes their own email in the account console (Keycloak's Update Email action):
// "Update email" → the new address → the confirmation mail at the NEW address → the link → the address is
// changed, seen in the account console; the OLD address gets the bundle's notice.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

module.exports = async function selfEmailChange(walker, lang) {
  const r = walker.results;
  const step = `self-service email change (${lang})`;
  const user = await S.existingUser(walker, S.newPerson(walker, 'selfmail', lang)); // set-up: an active account
  const oldEmail = user.email;
  const newEmail = walker.address(`selfmail-new-${lang}`);

  const person = await Person.open(walker, user.email, { locale: S.LOCALES[lang] });
  const page = person.page;
  await page.goto(walker.accountUrl);
  await S.login(person, user, step);
  if (!await S.landsLoggedIn(walker, person, user, `${step}: logged in`, `self-email-start-${lang}`)) { await person.close(); return; }

  const update = page.getByRole('link', { name: /E-mail bijwerken|Update email/i })
    .or(page.getByRole('button', { name: /E-mail bijwerken|Update email/i }));
  if (!r.check(`${step}: the account console offers "update email"`, await update.count() > 0, page.url())) { await person.close(); return; }
  await update.first().click();
  await person.settle(`${step}: the update-email page`, { visible: 'input#email', lang, screenshot: `self-email-form-${lang}` });
  await page.fill('input#email', newEmail);
  await page.locator('form [type=submit]').first().click();
  await person.settle(`${step}: the page saying where the confirmation went`, { visible: '#kc-page-title', texts: [newEmail], lang,
    screenshot: `self-email-sent-${lang}` });
  const back = page.locator('#kc-info-message a[href], #kc-content a[href]:visible').filter({ hasNotText: /^(Nederlands|English|Dutch)/ });
  if (await back.count() > 0) {
    await back.first().click();
    await S.landsLoggedIn(walker, person, user, `${step}: back in the account console after asking`, null);
  } else {
    r.check(`${step}: that page leads back to the account console`, false, page.url());
  }

  const confirmTo = { ...user, email: newEmail };
  const mail = await S.readMail(walker, confirmTo, 1, `${step}: the confirmation mail at the new address`,
    `mail-self-email-confirm-${lang}`);
  const link = Walker.actionLink(mail);
  if (!r.check(`${step}: the mail carries a confirmation link`, link !== null, mail && mail.text)) { await person.close(); return; }

  await person.newTab();
  await S.openLink(person, link, `${step}: the link`, `self-email-link-first-page-${lang}`, lang);
  await person.settle(`${step}: after confirming`, { visible: '#kc-page-title, [data-testid=page-header], #username', texts: [newEmail],
    lang: /\/account\//.test(person.page.url()) ? undefined : lang, screenshot: `self-email-confirmed-${lang}` });
  // From there the person follows the page's link (or, without one, types the account console's address).
  const onward = person.page.locator('#kc-info-message a[href], #kc-content a[href]:visible')
    .filter({ hasNotText: /^(Nederlands|English|Dutch)/ });
  if (await onward.count() > 0) await onward.first().click();
  else await person.page.goto(walker.accountUrl);
  const seen = await S.landsLoggedIn(walker, person, user, `${step}: the account console afterwards`, `self-email-after-${lang}`);
  if (seen) {
    const shown = await person.page.locator('input#email').inputValue().catch(() => '');
    r.check(`${step}: the account console shows the new address`, shown === newEmail, `shows "${shown}"`);
  }
  person.checkVisited(`${step} (person)`);
  await person.close();

  const notice = await S.readMail(walker, { ...user, email: oldEmail }, 1, `${step}: the notice at the old address`,
    `mail-self-email-notice-${lang}`);
  if (notice) {
    r.check(`${step}: the notice masks the new address`, !notice.text.includes(newEmail), notice.text.slice(0, 300));
  }
};
