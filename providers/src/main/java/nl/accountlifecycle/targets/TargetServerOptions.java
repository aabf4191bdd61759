package nl.accountlifecycle.targets;

import nl.accountlifecycle.support.HostPolicy;

/** Implemented by the provider factory that reads the targets' server-wide options, so the REST resource finds them. */
public interface TargetServerOptions {

    /** The operator's list of hosts webhook targets may point at ({@value TargetSync#HOSTS}). */
    HostPolicy targetHosts();
}
