package nl.accountlifecycle.targetsim;

import java.io.IOException;
import java.net.Inet6Address;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Loopback provisioning targets for tests, benchmarks and the demo, over real HTTP:
 * <ul>
 *   <li>a SCIM 2.0 service provider (RFC 7643/7644) under {@code /scim/v2} with Users (and the Enterprise User
 *   extension) and Groups, bearer tokens and an OAuth2 client-credentials token endpoint {@code /oauth/token}
 *   ({@link ScimEndpoint}, {@link OAuthTokens});</li>
 *   <li>Standard Webhooks receivers {@code POST /webhooks/{name}} that verify signatures with the reference library
 *   and count duplicate ids ({@link WebhookReceiver}).</li>
 * </ul>
 * Switches make the targets drop requests, slow down, fail, rate-limit or answer HTML like a broken proxy
 * ({@link Switches}); {@code GET /} shows what arrived ({@link StatusPage}); {@code /_sim/*} is the control API
 * ({@link ControlApi}).
 */
public final class TargetSimulator implements AutoCloseable {

    public static final String DEFAULT_SCIM_TOKEN = "sim-scim-token";
    public static final String DEFAULT_CLIENT_ID = "sim-client";
    public static final String DEFAULT_CLIENT_SECRET = "sim-secret";

    private final String hostInUrl;
    private final Switches switches;
    private final OAuthTokens tokens;
    private final ScimStore store;
    private final WebhookReceiver webhooks = new WebhookReceiver();
    private final SimServer server;

    private TargetSimulator(Options options) throws IOException {
        this.hostInUrl = options.host instanceof Inet6Address ? "[" + options.host.getHostAddress() + "]" : options.host.getHostAddress();
        this.switches = options.switches;
        this.tokens = new OAuthTokens(options.scimToken, options.clientId, options.clientSecret);
        this.store = new ScimStore(this::scimBaseUrl);
        options.webhookSecrets.forEach(webhooks::setSecret);
        ScimEndpoint scim = new ScimEndpoint(store, tokens, new Discovery(this::scimBaseUrl));
        this.server = new SimServer(options.host, options.port, scim, tokens, webhooks,
                new ControlApi(this, switches, webhooks, store), new StatusPage(store, webhooks, switches), switches);
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port) with the default token and client credentials. */
    public static TargetSimulator start(int port) throws IOException {
        return start(Options.parse("--port", String.valueOf(port)));
    }

    static TargetSimulator start(Options options) throws IOException {
        return new TargetSimulator(options);
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://" + hostInUrl + ":" + port();
    }

    /** {@code http://127.0.0.1:<port>/scim/v2}, the SCIM base URL a client is configured with. */
    public String scimBaseUrl() {
        return baseUrl() + ScimEndpoint.BASE;
    }

    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    public String webhookUrl(String name) {
        return baseUrl() + "/webhooks/" + name;
    }

    // ---- credentials ----

    public void setScimToken(String token) {
        tokens.setScimToken(token);
    }

    public void setClient(String clientId, String clientSecret) {
        tokens.setClient(clientId, clientSecret);
    }

    /** The {@code whsec_...} secret of receiver {@code name}; refuses an empty or non-base64 secret. */
    public void setWebhookSecret(String name, String secret) {
        webhooks.setSecret(name, secret);
    }

    // ---- switches ----

    /** Down: SCIM and webhook requests (in the fault scope) are dropped with no answer; the control API still answers. */
    public void setDown(boolean value) {
        switches.setDown(value);
    }

    /** Closed: the port refuses connections, control API included, as the Odoo simulator's down; open again on the same port. */
    public void setPortClosed(boolean value) throws IOException {
        server.setPortClosed(value);
    }

    void closePortFor(int millis) {
        server.closePortFor(millis);
    }

    public void setRttMillis(int value) {
        switches.setRttMillis(value);
    }

    /** The next {@code count} requests answer {@code status} (400 to 599). */
    public void failNext(int count, int status) {
        switches.failNext(count, status);
    }

    /** The next {@code count} requests answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public void rateLimitNext(int count, int retryAfterSeconds) {
        switches.rateLimitNext(count, retryAfterSeconds);
    }

    /** The next {@code count} requests answer 502 with an HTML page, like a proxy whose backend is gone. */
    public void htmlBadGatewayNext(int count) {
        switches.htmlBadGatewayNext(count);
    }

    /** Which endpoints the switches apply to: {@code all}, {@code scim} or {@code webhooks}. */
    public void setFaultScope(String scope) {
        switches.setScope(Switches.Scope.parse(scope));
    }

    /** Empties users, groups and webhook messages; switches, secrets, credentials and issued tokens stay. */
    public void reset() {
        store.reset();
        webhooks.reset();
    }

    // ---- inspection ----

    public List<Map<String, Object>> users() {
        return Http.JSON.convertValue(store.list(Kind.USER, null), new TypeReference<List<Map<String, Object>>>() { });
    }

    public List<Map<String, Object>> groups() {
        return Http.JSON.convertValue(store.list(Kind.GROUP, null), new TypeReference<List<Map<String, Object>>>() { });
    }

    /** The kept messages of receiver {@code name}, oldest first, each with its id, verified flag, status and duplicates. */
    public List<Map<String, Object>> webhookMessages(String name) {
        return webhooks.messages(name);
    }

    @Override
    public void close() {
        server.close();
    }
}
