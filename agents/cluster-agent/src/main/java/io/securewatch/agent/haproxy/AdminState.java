package io.securewatch.agent.haproxy;

import java.util.Locale;

/** Administrative state of an HAProxy server, as {@code set server <backend>/<server> state} sets it. */
public enum AdminState {
    /** Takes part in load balancing. */
    READY,
    /** Gets no new requests from load balancing, but is still health-checked. */
    DRAIN,
    /** Gets no traffic and no health checks. */
    MAINT;

    /** Returns the keyword of the Runtime API: {@code ready}, {@code drain} or {@code maint}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a Runtime API keyword.
     *
     * @throws IllegalArgumentException for anything but {@code ready}, {@code drain} or {@code maint}
     */
    public static AdminState fromKeyword(String keyword) {
        for (AdminState state : values()) {
            if (state.keyword().equals(keyword)) {
                return state;
            }
        }
        throw new IllegalArgumentException(
                "invalid HAProxy server state '" + keyword + "': expected ready, drain or maint");
    }
}
