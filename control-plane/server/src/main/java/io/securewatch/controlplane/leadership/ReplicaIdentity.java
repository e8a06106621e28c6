package io.securewatch.controlplane.leadership;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The name of this control-plane replica, which holds the leader lease and the agent streams: {@code
 * securewatch.agents.replica-id}, or the host name with a random suffix, fixed for the life of the process.
 */
@ApplicationScoped
public class ReplicaIdentity {

    private final String id;

    ReplicaIdentity(@ConfigProperty(name = "securewatch.agents.replica-id") Optional<String> configured) {
        this.id = configured.orElseGet(ReplicaIdentity::hostWithSuffix);
    }

    public String id() {
        return id;
    }

    private static String hostWithSuffix() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
