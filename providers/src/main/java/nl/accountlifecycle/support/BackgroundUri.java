package nl.accountlifecycle.support;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The server's base URI for work that runs without an HTTP request (Keycloak's workflow steps, scheduled runs):
 * the realm's link base ({@link LinkBase}), never a host taken from whoever started the run. Links built from it
 * (action tokens, logout tokens) carry the same issuer as when a person opens the server there.
 */
public final class BackgroundUri implements UriInfo {

    private final URI base;

    private BackgroundUri(URI base) {
        this.base = base;
    }

    /**
     * The request's URI when there is a request, else the realm's link base.
     *
     * @throws IllegalStateException without a request and without a frontend URL or {@code --hostname}
     */
    public static UriInfo of(KeycloakSession session, RealmModel realm) {
        if (hasRequest(session)) {
            return session.getContext().getUri();
        }
        URI linkBase = LinkBase.uri(realm);
        if (linkBase == null) {
            throw new IllegalStateException("no link base for realm " + realm.getName()
                    + ": set the realm's frontend URL or start Keycloak with --hostname");
        }
        return new BackgroundUri(linkBase);
    }

    /** The server's base URI as decided earlier, for work that runs after the request that asked for it. */
    public static UriInfo at(URI base) {
        return new BackgroundUri(base);
    }

    /**
     * Whether this session serves an HTTP request. Off a request thread (Keycloak's workflow executor, timers)
     * Quarkus has no request scope and asking for the request throws instead of answering null.
     */
    public static boolean hasRequest(KeycloakSession session) {
        try {
            return session.getContext().getHttpRequest() != null;
        } catch (RuntimeException noRequestScope) {
            return false;
        }
    }

    @Override public String getPath() { return "/"; }
    @Override public String getPath(boolean decode) { return "/"; }
    @Override public List<PathSegment> getPathSegments() { return List.of(); }
    @Override public List<PathSegment> getPathSegments(boolean decode) { return List.of(); }
    @Override public URI getRequestUri() { return base; }
    @Override public UriBuilder getRequestUriBuilder() { return UriBuilder.fromUri(base); }
    @Override public URI getAbsolutePath() { return base; }
    @Override public UriBuilder getAbsolutePathBuilder() { return UriBuilder.fromUri(base); }
    @Override public URI getBaseUri() { return base; }
    @Override public UriBuilder getBaseUriBuilder() { return UriBuilder.fromUri(base); }
    @Override public MultivaluedMap<String, String> getPathParameters() { return new MultivaluedHashMap<>(); }
    @Override public MultivaluedMap<String, String> getPathParameters(boolean decode) { return new MultivaluedHashMap<>(); }
    @Override public MultivaluedMap<String, String> getQueryParameters() { return new MultivaluedHashMap<>(); }
    @Override public MultivaluedMap<String, String> getQueryParameters(boolean decode) { return new MultivaluedHashMap<>(); }
    @Override public List<String> getMatchedURIs() { return List.of(); }
    @Override public List<String> getMatchedURIs(boolean decode) { return List.of(); }
    @Override public List<Object> getMatchedResources() { return List.of(); }
    @Override public URI resolve(URI uri) { return base.resolve(uri); }
    @Override public URI relativize(URI uri) { return base.relativize(uri); }
}
