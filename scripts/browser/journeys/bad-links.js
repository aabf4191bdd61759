// Journey 6: the links that no longer work, each opened in a fresh browser as a person would days later.
// A tampered link, a used link, a replaced link and an expired link must each show a themed page in the
// person's language with a next step (sign in, or ask for a new link), no error text and no raw key.
const { Walker, Person } = require('../lib/walker');
const S = require('../lib/steps');

async function invite(walker, user, extra = {}) {
  const res = await walker.admin('POST', '/account-lifecycle/invitations', {
    email: user.email, firstName: user.firstName, infix: user.infix, lastName: user.lastName, locale: user.lang,
    groups: ['users'], ...extra,
  });
  if (res.status !== 201) throw new Error(`set-up: inviting ${user.email}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  user.id = res.body.userId;
  return res.body;
}

async function visit(walker, lang, label, link, step, shot, expect) {
  const person = await Person.open(walker, label, { locale: S.LOCALES[lang] });
  await S.openLink(person, link, step, `${shot}-first-page`, lang);
  await S.linkEndPage(walker, person, lang, step, shot, expect);
  person.checkVisited(step);
  return person;
}

module.exports = async function badLinks(walker, lang) {
  const r = walker.results;
  const T = S.TEXT[lang];

  // Set-up over REST: invitations whose links the person then opens in the browser.
  const used = S.newPerson(walker, 'usedlink', lang);
  await invite(walker, used);
  const usedLink = Walker.actionLink(await walker.waitForMail(used.email, 1));
  const replaced = S.newPerson(walker, 'replaced', lang);
  await invite(walker, replaced);
  const firstLink = Walker.actionLink(await walker.waitForMail(replaced.email, 1));
  await walker.admin('POST', `/account-lifecycle/invitations/${replaced.id}/resend`, {});
  const expired = S.newPerson(walker, 'expired', lang);
  await invite(walker, expired, { lifespan: 1 });
  const expiredLink = Walker.actionLink(await walker.waitForMail(expired.email, 1));
  if (!r.check('set-up: the mails carry links', usedLink && firstLink && expiredLink)) return;

  // Tampered: the same link with its signature changed.
  const tampered = usedLink.replace(/(key=[^.]+\.[^.]+\.)(.)/, (_, head, c) => head + (c === 'A' ? 'B' : 'A'));
  let p = await visit(walker, lang, 'tampered', tampered, `tampered link (${lang})`, `bad-link-tampered-${lang}`,
    { nextStep: 'sign-in-or-resend' });
  await p.close();

  // Garbage: what is left of a link a mail program broke.
  p = await visit(walker, lang, 'garbage', `${walker.realmUrl}/login-actions/action-token?key=not-a-token`,
    `garbage link (${lang})`, `bad-link-garbage-${lang}`, { nextStep: 'sign-in-or-resend' });
  await p.close();

  // Used: activated once, then opened again.
  const person = await Person.open(walker, used.email, { locale: S.LOCALES[lang] });
  await S.activate(walker, person, used, usedLink, `used link (${lang}): first use`, `bad-link-used-first-${lang}`);
  await person.close();
  p = await visit(walker, lang, 'used', usedLink, `used link (${lang})`, `bad-link-used-${lang}`,
    { texts: [T.alreadyActivated], nextStep: 'sign-in' });
  await p.close();

  // Replaced: the first link after an admin sent a new one.
  p = await visit(walker, lang, 'replaced', firstLink, `replaced link (${lang})`, `bad-link-replaced-${lang}`,
    { texts: [T.replaced], nextStep: 'sign-in-or-resend' });
  await p.close();

  // Expired: a link valid for 1 second, opened later; the realm lets the person ask for a new one.
  await new Promise(res => setTimeout(res, 2500));
  p = await visit(walker, lang, 'expired', expiredLink, `expired link (${lang})`, `bad-link-expired-${lang}`,
    { texts: [T.expired], nextStep: 'resend' });
  if (await p.page.locator('#al-resend-form').isVisible().catch(() => false)) {
    await p.page.fill('#al-resend-form #email', expired.email);
    await p.page.click('#al-resend-submit');
    await p.settle(`expired link (${lang}): after asking for a new link`, { visible: '#kc-page-title', lang,
      screenshot: `bad-link-expired-resent-${lang}` });
    const mail = await S.readMail(walker, expired, 2, `expired link (${lang}): the new link`, `mail-activation-resent-${lang}`);
    r.check(`expired link (${lang}): the new mail carries a working link`, Walker.actionLink(mail) !== null);
  }
  p.checkVisited(`expired link (${lang}) (asking again)`);
  await p.close();
};
