package nl.accountlifecycle.odoo;

import nl.accountlifecycle.support.HostPolicy;

/** The server-wide Odoo options the admin REST needs, offered by the provider factory that reads them in init(). */
public interface OdooServerOptions {

    HostPolicy odooAllowedHosts();
}
