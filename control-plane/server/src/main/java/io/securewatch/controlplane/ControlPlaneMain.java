package io.securewatch.controlplane;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.securewatch.controlplane.demo.EmbeddedDatabase;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Entry point of the control plane. In the demo profile, when no datasource URL is configured, it starts an
 * embedded PostgreSQL first, so that the demo needs nothing installed.
 */
@QuarkusMain
public class ControlPlaneMain {

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        boolean embedded = config.getOptionalValue("securewatch.demo.embedded-database", Boolean.class)
                        .orElse(false)
                && config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                        .isEmpty();
        if (embedded) {
            Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "securewatch-demo-postgres");
            EmbeddedDatabase.start(dataDirectory);
        }
        try {
            Quarkus.run(args);
        } finally {
            EmbeddedDatabase.stop();
        }
    }
}
