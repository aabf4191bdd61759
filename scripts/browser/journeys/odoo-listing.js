// The Odoo simulator's listing (./run.sh --with-odoo): the people created in this walk arrive in "Odoo" with
// their full name, tussenvoegsel included. Walked only when --odoo-port is given.
const { Person } = require('../lib/walker');

module.exports = async function odooListing(walker, lang) {
  const r = walker.results;
  if (!walker.odooPort) {
    r.skip('odoo listing', 'no --odoo-port given (start ./run.sh --with-odoo to walk it)');
    return;
  }
  const created = Object.values(walker.last || {}).map(x => x.user);
  if (!r.check('odoo listing: a user was created in the console earlier in this walk', created.length > 0)) return;
  const user = created[0];
  const fullName = `${user.firstName} ${user.infix} ${user.lastName}`;
  const person = await Person.open(walker, 'odoo', { locale: 'en-US' });
  const url = `http://127.0.0.1:${walker.odooPort}/`;
  // The sync is asynchronous (outbox, polled): reload until the user is there, as a person would.
  const deadline = Date.now() + 30000;
  let found = false;
  while (!found && Date.now() < deadline) {
    await person.page.goto(url);
    await person.page.waitForLoadState('networkidle');
    found = (await person.page.locator('body').innerText()).includes(user.email);
    if (!found) await new Promise(res => setTimeout(res, 1000));
  }
  r.check(`odoo listing: ${user.email} arrives in the Odoo simulator`, found, url);
  await person.settle('odoo listing: the simulator lists the users', { visible: 'body', texts: found ? [fullName] : [],
    screenshot: 'odoo-simulator-users' });
  await person.close();
};
