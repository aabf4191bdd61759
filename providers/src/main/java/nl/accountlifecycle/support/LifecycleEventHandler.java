package nl.accountlifecycle.support;

/**
 * What one capability does with the events the bundle's listener receives. Runs in the transaction of the change
 * the event reports; side effects (mail, HTTP) go after its commit.
 */
public interface LifecycleEventHandler {

    void handle(LifecycleEvent event);
}
