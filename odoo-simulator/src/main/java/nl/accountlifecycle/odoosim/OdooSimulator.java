package nl.accountlifecycle.odoosim;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback Odoo (16 to 19) for tests, benchmarks and the demo. It speaks the two external APIs the sync uses,
 * over real HTTP on 127.0.0.1:
 * <ul>
 *   <li>XML-RPC: {@code /xmlrpc/2/common} ({@code version}, {@code authenticate}) and {@code /xmlrpc/2/object}
 *   ({@code execute_kw}), with Odoo's fault codes ({@link XmlRpcEndpoint});</li>
 *   <li>JSON-2 (Odoo 19): {@code POST /json/2/<model>/<method>} with a bearer API key, named parameters and
 *   Odoo's HTTP status codes and error bodies ({@link Json2Endpoint}).</li>
 * </ul>
 * Both reach one in-memory ORM ({@link Orm}, {@link OdooStore}). Switches make it go down, slow, flaky, answer
 * HTML like a broken proxy, hang, or send a fault carrying a serialized Java object. {@code GET /} lists the
 * users; {@code /_sim/*} is the control API ({@link ControlApi}).
 */
public final class OdooSimulator implements AutoCloseable {

    public static final int ADMIN_UID = 2;
    public static final int OAUTH_PROVIDER_ID = 3;
    /** Odoo's groups in the simulator: {@code base.group_user}, {@code base.group_system} (implies
     * {@code base.group_erp_manager}, which implies {@code base.group_user}), {@code sales_team.group_sale_salesman}. */
    public static final int GROUP_USER = 1;
    public static final int GROUP_SYSTEM = 2;
    public static final int GROUP_SALES = 3;
    public static final int GROUP_ERP_MANAGER = 4;

    private final OdooStore store;
    private final Switches switches;
    private final Orm orm;
    private final SimServer server;

    private OdooSimulator(int port, String database, String login, String apiKey, int version) throws IOException {
        this.store = new OdooStore(version);
        this.switches = new Switches(database, login, apiKey);
        this.orm = new Orm(store, switches);
        this.server = new SimServer(port, new XmlRpcEndpoint(store, orm, switches), new Json2Endpoint(store, orm, switches),
                new ControlApi(this, switches, orm), store, switches);
    }

    /** Starts Odoo 17 on 127.0.0.1:{@code port} (0: any free port), database {@code odoo}, login {@code admin}, key {@code sim-api-key}. */
    public static OdooSimulator start(int port) throws IOException {
        return start(port, "odoo", "admin", "sim-api-key", 17);
    }

    /** Starts Odoo {@code version} (16 to 19) on 127.0.0.1:{@code port} (0: any free port). */
    public static OdooSimulator start(int port, String database, String login, String apiKey, int version) throws IOException {
        return new OdooSimulator(port, database, login, apiKey, version);
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String database() {
        return switches.database;
    }

    public String login() {
        return switches.login;
    }

    public String apiKey() {
        return switches.apiKey;
    }

    public int version() {
        synchronized (store) {
            return store.version();
        }
    }

    // ---- switches ----

    /** Down: the port is closed, so clients get "connection refused"; up again on the same port. */
    public void setDown(boolean value) throws IOException {
        server.setDown(value);
    }

    public void setRttMillis(int value) {
        switches.setRttMillis(value);
    }

    public void setFailRate(double value) {
        switches.setFailRate(value);
    }

    public void setHtmlErrors(boolean value) {
        switches.htmlErrors = value;
    }

    public void setHangMillis(int value) {
        switches.setHangMillis(value);
    }

    public void setSerializedFault(boolean value) {
        switches.serializedFault = value;
    }

    /** Partners keep {@code title}, but {@code res.partner.title} answers "Object ... doesn't exist". */
    public void setTitleModelMissing(boolean value) {
        switches.titleModelMissing = value;
    }

    public void setApiKey(String value) {
        switches.apiKey = value;
    }

    /** Plays another Odoo version (16 to 19) from now on, with the same records. */
    public void setVersion(int value) {
        synchronized (store) {
            store.setVersion(value);
        }
    }

    public void reset() {
        synchronized (store) {
            store.reset();
        }
        orm.clearCounts();
    }

    // ---- inspection ----

    /** Every user with the fields this version has (no {@code mobile} or {@code title} in 19), titles by name. */
    public List<Map<String, Object>> users() {
        synchronized (store) {
            return store.userRows();
        }
    }

    public Map<String, Object> findUserByOauthUid(String oauthUid) {
        return users().stream().filter(u -> oauthUid.equals(u.get("oauth_uid"))).findFirst().orElse(null);
    }

    /** How many ORM calls of {@code method} (e.g. {@code create}, {@code write}) were answered successfully. */
    public long callCount(String method) {
        return orm.callCount(method);
    }

    /** Creates a user directly, as an Odoo admin would, for tests of linking existing users. */
    public int createUser(String login, String name, String email) {
        return createUser(login, name, email, List.of(GROUP_USER), null);
    }

    /**
     * Creates a user directly with these groups (e.g. {@link #GROUP_SYSTEM} for an Odoo administrator) and, when
     * not null, an {@code oauth_uid} of another account.
     */
    public int createUser(String login, String name, String email, List<Integer> groupIds, String oauthUid) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("login", login);
        vals.put("name", name);
        vals.put("email", email);
        synchronized (store) {
            vals.put(store.odooVersion().groupsField(), List.of(List.of(6, 0, groupIds)));
            if (oauthUid != null) {
                vals.put("oauth_uid", oauthUid);
                vals.put("oauth_provider_id", OAUTH_PROVIDER_ID);
            }
            return store.create("res.users", List.of(vals)).get(0);
        }
    }

    /** {@code res.users.has_group}, as Odoo answers it: implied groups included. */
    public boolean hasGroup(int userId, String xmlId) {
        synchronized (store) {
            return store.hasGroup(userId, xmlId);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
