package io.securewatch.testsupport.consul;

import java.util.Optional;

/** Health check status, as the values Consul's API accepts and returns. */
enum CheckStatus {
    PASSING("passing"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String json;

    CheckStatus(String json) {
        this.json = json;
    }

    String json() {
        return json;
    }

    static Optional<CheckStatus> fromJson(String value) {
        for (CheckStatus status : values()) {
            if (status.json.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
