package io.securewatch.it.console;

import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItDatabase;
import java.util.Map;

/** A test database, the packaged control plane on it in the demo profile, and the packaged console in front. */
final class ConsoleStack implements AutoCloseable {

    final ItDatabase database;
    final ControlPlaneProcess controlPlane;
    final ConsoleProcess console;

    /**
     * Starts the three, each with the extra environment variables given.
     *
     * @param name names the log files under {@code target/it-logs}
     */
    ConsoleStack(String name, Map<String, String> controlPlaneEnvironment, Map<String, String> consoleEnvironment)
            throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(database, name, controlPlaneEnvironment);
        try {
            controlPlane.start();
            console = new ConsoleProcess(controlPlane, name + "-console", consoleEnvironment);
        } catch (Exception | Error e) {
            // No test has this stack yet, so what started must stop here, or it outlives the tests.
            controlPlane.close();
            database.close();
            throw e;
        }
    }

    /** Stops the console, then the control plane, then drops the database. */
    @Override
    public void close() throws Exception {
        try {
            console.close();
        } finally {
            controlPlane.close();
            database.close();
        }
    }
}
