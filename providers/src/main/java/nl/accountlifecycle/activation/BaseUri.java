package nl.accountlifecycle.activation;

import java.lang.reflect.Proxy;
import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

/**
 * The server's base URL as the {@link UriInfo} that Keycloak's link and token builders ask for, for work done after
 * the request that caused it has been answered. Those builders read the base URL only; anything else is refused.
 */
final class BaseUri {

    private BaseUri() {
    }

    static UriInfo of(URI base) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUri" -> base;
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(base);
                    case "toString" -> "BaseUri[" + base + "]";
                    case "hashCode" -> base.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new IllegalStateException("only the base URL is known here, not " + method.getName());
                });
    }
}
