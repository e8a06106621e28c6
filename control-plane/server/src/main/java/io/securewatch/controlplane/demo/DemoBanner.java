package io.securewatch.controlplane.demo;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Prints where the demo listens and who can sign in, once it has started and seeded its inventory. */
@Singleton
public class DemoBanner {

    @ConfigProperty(name = "securewatch.demo.seed")
    boolean demo;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void print(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (demo && LaunchMode.current() != LaunchMode.TEST) {
            print(System.out);
        }
    }

    void print(PrintStream out) {
        String base = "http://localhost:" + port;
        out.println();
        out.println("SecureWatch control plane demo is running. Press Ctrl-C to stop it.");
        out.println("  REST API      " + base + "/api/v1/regions");
        out.println("  OpenAPI       " + base + "/q/openapi  (Swagger UI: " + base + "/q/swagger-ui)");
        out.println("  Health        " + base + "/health/ready, " + base + "/health/live");
        out.println("  Metrics       " + base + "/metrics");
        out.println("  Users (HTTP basic, password = user name):");
        out.println("    admin       platform-admin");
        out.println("    operator    operator");
        out.println("    viewer      viewer");
        out.println("    acme-admin  tenant-admin of tenant acme");
        out.println("  Try: curl -u admin:admin " + base + "/api/v1/regions");
        out.println();
    }
}
