// Keycloak's own update-password page, shown at login when the password must be changed (an admin asked for it,
// or the password expired): the same checklist as on the activation page, then the account console.
const { Person } = require('../lib/walker');
const S = require('../lib/steps');

module.exports = async function updatePasswordAtLogin(walker, lang) {
  const step = `update password at login (${lang})`;
  const user = S.newPerson(walker, 'pwupdate', lang);
  await S.existingUser(walker, user, { requiredActions: ['UPDATE_PASSWORD'] }); // set-up: must change the password
  const person = await Person.open(walker, user.email, { locale: S.LOCALES[lang] });
  await person.page.goto(walker.accountUrl);
  await S.login(person, user, step);
  if (await person.settle(`${step}: the update-password page`, { visible: '#password-new', lang,
    screenshot: `update-password-${lang}` })) {
    user.password = `Ander2026${lang}Z`;
    await S.checklist(walker, person, user, step, `update-password-checklist-${lang}`);
    await person.page.fill('#password-confirm', user.password);
    await person.page.locator('#kc-passwd-update-form [type=submit]').first().click();
    await S.landsLoggedIn(walker, person, user, `${step}: after the new password`, `update-password-landed-${lang}`);
  }
  person.checkVisited(`${step} (person)`);
  await person.close();
};
