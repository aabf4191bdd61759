// Journey 2: a user was invited; the admin sends a new link from the console (Credentials → Credential reset →
// "Activate account", 1 day), the person opens the newest mail, activates and lands logged in. The console link
// used a second time shows the themed "already activated" page, and the user's sentAt/expiresAt follow the new link.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

module.exports = async function consoleResend(walker, lang) {
  const r = walker.results;
  const step = `console resend (${lang})`;
  const user = S.newPerson(walker, 'resend', lang);

  // Set-up: invited over REST, as the seeds do; the first activation mail arrives.
  const invited = await walker.admin('POST', '/account-lifecycle/invitations', {
    email: user.email, firstName: user.firstName, infix: user.infix, lastName: user.lastName, locale: lang, groups: ['users'],
  });
  if (!r.check(`${step}: set-up: the user is invited`, invited.status === 201, JSON.stringify(invited.body))) return;
  user.id = invited.body.userId;
  const firstSent = invited.body.sentAt;
  const firstExpiry = invited.body.expiresAt;
  await walker.waitForMail(user.email, 1);

  const admin = await S.adminConsole(walker, lang, step);
  if (!admin) return;
  const page = admin.page;
  if (!await S.openUserInConsole(admin, user.email, step)) { await admin.close(); return; }
  await page.click('[data-testid=credentials]');
  await admin.settle(`${step}: the Credentials tab`, {
    visible: '[data-testid=credential-reset-empty-action], [data-testid=credentialResetBtn]' });
  await page.locator('[data-testid=credential-reset-empty-action], [data-testid=credentialResetBtn]').first().click();
  await page.locator('[data-testid=credential-reset-modal] input[role=combobox]').click();
  await admin.settle(`${step}: the reset actions`, { visible: '[role=option]', screenshot: `console-resend-actions-${lang}` });
  await page.getByRole('option', { name: /^(Activate account|Account activeren)$/ }).click();
  await page.locator('#lifespan').fill('1');
  await admin.settle(`${step}: Credential reset with "Activate account", 1 day`, {
    visible: '[data-testid=credential-reset-modal]', screenshot: `console-resend-modal-${lang}` });
  await page.click('[data-testid=confirm]');
  await admin.settle(`${step}: the console confirms the mail was sent`, { visible: '[data-testid=global-alerts] li' });
  admin.checkVisited(`${step} (admin)`);

  const mail = await S.readMail(walker, user, 2, `${step}: the console's mail`, `mail-console-resend-${lang}`);
  if (mail) {
    r.check(`${step}: the mail gives the expiry as a date and time, not a number of days`,
      /20\d\d\D{0,8}\d{1,2}[:.]\d{2}/.test(mail.text) && !/\b\d+ (dag|dagen|day|days|uur|hours?)\b/.test(mail.text),
      mail.text.split('\n').filter(l => /geldig|valid/i.test(l)).join(' '));
  }
  const { body } = await walker.admin('GET', `/users/${user.id}`);
  const attrs = (body && body.attributes) || {};
  const sentAt = (attrs['accountLifecycle.activation.sentAt'] || [])[0];
  const expiresAt = (attrs['accountLifecycle.activation.expiresAt'] || [])[0];
  r.check(`${step}: the console resend records the new link's sentAt and expiresAt (1 day), not the first's`,
    sentAt !== firstSent && expiresAt !== firstExpiry && Date.parse(expiresAt) - Date.now() < 26 * 3600 * 1000,
    `first link sentAt=${firstSent} expiresAt=${firstExpiry}, stored now sentAt=${sentAt} expiresAt=${expiresAt}`);
  const link = Walker.actionLink(mail);
  if (!r.check(`${step}: the mail carries a link`, link !== null, mail && mail.text)) { await admin.close(); return; }

  const person = await Person.open(walker, user.email, { locale: S.LOCALES[lang] });
  await S.activate(walker, person, user, link, `${step}: person`, `console-resend-${lang}`);
  person.checkVisited(`${step} (person)`);
  await person.close();

  // The same link again, later, in another browser: the themed "already activated" page, with a way to sign in.
  const again = await Person.open(walker, user.email + ' again', { locale: S.LOCALES[lang] });
  await S.openLink(again, link, `${step}: the used console link`, `console-resend-used-first-page-${lang}`, lang);
  await S.linkEndPage(walker, again, lang, `${step}: the used console link`, `console-resend-used-${lang}`,
    { texts: [S.TEXT[lang].alreadyActivated], nextStep: 'sign-in' });
  again.checkVisited(`${step} (used link)`);
  await again.close();

  await admin.close();
};
