package io.securewatch.controlplane.demo;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Stops the embedded PostgreSQL of the demo when the application shuts down, after the other observers. */
@Singleton
public class EmbeddedDatabaseShutdown {

    void stop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
