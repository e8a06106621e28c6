package io.securewatch.agent.haproxy;

/** A {@code set server} command of the HAProxy Runtime API that changes one setting of one server. */
public sealed interface RuntimeCommand {

    /** Highest weight that HAProxy accepts. */
    int MAX_WEIGHT = 256;

    String backend();

    String server();

    /** Returns the command line as the Runtime API reads it, without the trailing newline. */
    String text();

    /** Sets the server's weight, 0 to 256; weight 0 sends no new requests to it. */
    record SetWeight(String backend, String server, int weight) implements RuntimeCommand {

        public SetWeight {
            Names.requireValid("backend", backend);
            Names.requireValid("server", server);
            if (weight < 0 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException(
                        "invalid weight " + weight + " for server " + server + ": expected 0 to " + MAX_WEIGHT);
            }
        }

        @Override
        public String text() {
            return "set server " + backend + "/" + server + " weight " + weight;
        }
    }

    /** Sets the server's administrative state. */
    record SetState(String backend, String server, AdminState state) implements RuntimeCommand {

        public SetState {
            Names.requireValid("backend", backend);
            Names.requireValid("server", server);
            if (state == null) {
                throw new IllegalArgumentException("missing state for server " + server);
            }
        }

        @Override
        public String text() {
            return "set server " + backend + "/" + server + " state " + state.keyword();
        }
    }
}
