package io.securewatch.controlplane.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Ties the embedded PostgreSQL of the demo to the application: stopped on shutdown, after the other observers. */
@Singleton
public class EmbeddedDatabaseLifecycle {

    void started(@Observes StartupEvent event) {
        EmbeddedDatabase.applicationStarted();
    }

    void stop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
