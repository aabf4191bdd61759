// Journey 1: the admin creates a user in Keycloak's admin console (email and names, no username), the demo
// realm mails the activation link, the person opens it, chooses a password and lands logged in.
// Then the admin looks at the user's read-only lifecycle attributes.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

module.exports = async function adminCreate(walker, lang) {
  const r = walker.results;
  const step = `console create (${lang})`;
  const user = S.newPerson(walker, 'create', lang);
  const admin = await S.adminConsole(walker, lang, step);
  if (!admin) return;
  const page = admin.page;

  await page.click('[data-testid=nav-item-users]');
  await admin.settle(`${step}: the user list`, { visible: '[data-testid=add-user]' });
  await page.click('[data-testid=add-user]');
  await admin.settle(`${step}: the create form`, { visible: '[data-testid=user-creation-save]' });

  const asksUsername = await page.locator('#username').isVisible();
  r.check(`${step}: the create form does not ask for a username (email as username)`, !asksUsername,
    'the form shows a required "Username" field');
  if (asksUsername) await page.fill('#username', user.email); // go on, to walk the rest of the path

  await page.fill('#email', user.email);
  await page.fill('#firstName', user.firstName);
  await page.fill('#infix', user.infix);
  await page.fill('#lastName', user.lastName);

  // The person's language, which the mail and the pages follow.
  await page.click('[id="attributes.locale"]');
  await page.getByRole('option', { name: lang === 'nl' ? /Nederlands/ : /^English/ }).click();

  // The title select: its empty choice and every option must read as words, not as message keys.
  await page.click('#title');
  await page.locator('[role=option]').first().waitFor();
  await admin.settle(`${step}: the title select's options`, { visible: '[role=option]', screenshot: `console-create-title-${lang}` });
  await page.keyboard.press('Escape');

  await page.click('[data-testid=join-groups-button]');
  await page.click('[data-testid=users-check]');
  await page.click('[data-testid=join-button]');
  await admin.settle(`${step}: the filled-in form`, { visible: '[data-testid=user-creation-save]', texts: ['users'],
    screenshot: `console-create-form-${lang}` });

  await page.click('[data-testid=user-creation-save]');
  const created = await admin.settle(`${step}: the user is created`, {
    url: /#\/[^/]+\/users\/[0-9a-f-]{36}\//, visible: '[data-testid=user-creation-save], [role=tab]',
    screenshot: `console-create-saved-${lang}`,
  });
  admin.checkVisited(`${step} (admin)`);
  if (!created) { await admin.close(); return; }

  const mail = await S.readMail(walker, user, 1, `${step}: activation mail`, `mail-activation-${lang}`);
  r.check(`${step}: the activation mail is in ${lang}`, mail && mail.html.includes(`lang="${lang}"`),
    mail && mail.html.slice(0, 120));
  const link = Walker.actionLink(mail);
  if (!r.check(`${step}: the mail carries an activation link`, link !== null, mail && mail.text)) { await admin.close(); return; }

  // The person reads the mail in the demo's web inbox and clicks its button (without the inbox: the link itself).
  const person = await Person.open(walker, user.email, { locale: S.LOCALES[lang] });
  const inTab = walker.inboxBase
    && await walker.openMailInInbox(person, user.email, '/login-actions/action-token', `${step}: person`, `inbox-activation-mail-${lang}`);
  const landed = await S.activate(walker, person, user, inTab ? null : link, `${step}: person`, `activation-${lang}`);
  if (landed && await person.page.locator('#title').isVisible().catch(() => false)) {
    // the person's own title select, opened: every option reads as a word
    await person.page.click('#title');
    await person.settle(`${step}: person: the title select's options in the account console`, { visible: '[role=option]' });
    await person.page.keyboard.press('Escape');
  }
  person.checkVisited(`${step} (person)`);
  await person.close();

  // Back in the console the admin sees the lifecycle attributes, readable by people.
  await page.reload();
  await admin.settle(`${step}: the user's page again`, { visible: '[data-testid=attributesTab]' });
  await page.click('[data-testid=attributesTab]');
  await admin.settle(`${step}: the user's attributes in the console`, {
    visible: '[data-testid=unmanagedAttributes-key]', screenshot: `console-attributes-${lang}`,
  });
  const attrs = await S.consoleAttributes(page);
  r.check(`${step}: the console shows the account as activated`, attrs['accountLifecycle.activation.status'] === 'activated',
    JSON.stringify(attrs));
  for (const name of ['accountLifecycle.activation.sentAt', 'accountLifecycle.activation.activatedAt']) {
    r.check(`${step}: the console shows ${name}`, attrs[name] !== undefined, JSON.stringify(attrs));
  }
  for (const [name, value] of Object.entries(attrs).filter(([k]) => /^accountLifecycle\..*At$/.test(k))) {
    r.check(`${step}: ${name} reads as ISO-8601 to the second with a zone`, S.ISO_SECONDS.test(value), value);
  }
  walker.last = walker.last || {};
  walker.last[lang] = { user, link, landed };
  await admin.close();
};
