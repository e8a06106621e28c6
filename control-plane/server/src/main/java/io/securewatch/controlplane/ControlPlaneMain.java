package io.securewatch.controlplane;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.securewatch.controlplane.demo.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Entry point of the control plane. In the demo profile, when no datasource URL is configured, it starts an
 * embedded PostgreSQL first, so that the demo needs nothing installed.
 */
@QuarkusMain
public class ControlPlaneMain {

    /** Held in a field so that the level set on it is not lost to garbage collection. */
    private static final Logger ZONKY_LOGGER = Logger.getLogger("io.zonky.test.db.postgres");

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        boolean embedded = config.getOptionalValue("securewatch.demo.embedded-database", Boolean.class)
                        .orElse(false)
                && config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                        .isEmpty();
        if (embedded) {
            // Quarkus applies the configured log levels only when it starts; until then initdb would print
            // every line of its output at INFO.
            ZONKY_LOGGER.setLevel(Level.WARNING);
            Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "securewatch-demo-postgres");
            int port = config.getOptionalValue("securewatch.demo.embedded-database-port", Integer.class)
                    .orElse(0);
            try {
                EmbeddedDatabase.start(dataDirectory, port);
            } catch (RuntimeException e) {
                // Logging is not set up before Quarkus starts, so this goes straight to the terminal.
                System.err.println("SecureWatch demo cannot start: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
                System.exit(1);
            }
        }
        try {
            Quarkus.run(args);
        } finally {
            EmbeddedDatabase.stop();
        }
    }
}
