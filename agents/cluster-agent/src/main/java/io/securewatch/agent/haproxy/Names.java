package io.securewatch.agent.haproxy;

import java.util.regex.Pattern;

/**
 * Checks backend and server names before they go into a Runtime API command line. The Runtime API separates
 * commands with {@code ;} and arguments with spaces, so a name with either would change what HAProxy runs.
 */
final class Names {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]+");

    private Names() {}

    static String requireValid(String kind, String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid HAProxy " + kind + " name '" + name + "': expected letters, digits, '.', '_', ':' or '-'");
        }
        return name;
    }
}
