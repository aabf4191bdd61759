package nl.accountlifecycle.support;

import java.util.Map;

import org.keycloak.models.KeycloakSessionFactory;

/**
 * Server-wide work of one capability (a worker, a schedule) with its options. The options keep the keys of the
 * provider that reads them ({@code spi-events-listener--account-lifecycle--...}), so the capability reads them from
 * that provider's {@code Config.Scope}; its factory starts the part in {@code postInit} and closes it in {@code close},
 * and lists the options through the part's static {@code describe}.
 */
public interface ServerPart extends AutoCloseable {

    void postInit(KeycloakSessionFactory factory);

    /** Stops timers and threads and waits for work in progress. */
    @Override
    void close();

    /** Adds the part's effective options to the provider's server info. */
    void info(Map<String, String> info);
}
