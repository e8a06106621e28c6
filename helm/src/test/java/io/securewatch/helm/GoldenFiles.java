package io.securewatch.helm;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares rendered output with a file under {@code src/test/resources/golden}. With {@code -Dhelm.golden.update=true}
 * it writes the file instead, for a reviewer to read in the diff.
 */
final class GoldenFiles {

    static final String UPDATE_COMMAND = "./mvnw -B verify -pl helm -Dhelm.golden.update=true";

    private GoldenFiles() {}

    static Path path(String name) {
        String directory = System.getProperty("helm.golden.directory", "src/test/resources/golden");
        return Path.of(directory).resolve(name);
    }

    static boolean updating() {
        return Boolean.getBoolean("helm.golden.update");
    }

    /** Fails, naming the first differing line, unless {@code actual} equals the golden file's content. */
    static void assertMatches(String name, String actual) {
        Path file = path(name);
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("Golden file %s is missing; create it with %s", file, UPDATE_COMMAND);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail(
                        "Rendered output differs from %s at %s%nIf the change is intended, regenerate the golden files"
                                + " with %s and review their diff.",
                        file, firstDifference(expected, actual), UPDATE_COMMAND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading or writing " + file + " failed", e);
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> expectedLines = expected.lines().toList();
        List<String> actualLines = actual.lines().toList();
        int common = Math.min(expectedLines.size(), actualLines.size());
        for (int line = 0; line < common; line++) {
            if (!expectedLines.get(line).equals(actualLines.get(line))) {
                return String.format(
                        "line %d:%n  golden:   %s%n  rendered: %s",
                        line + 1, expectedLines.get(line), actualLines.get(line));
            }
        }
        if (expectedLines.size() != actualLines.size()) {
            return String.format(
                    "line %d: the golden file has %d lines, the rendered output %d",
                    common + 1, expectedLines.size(), actualLines.size());
        }
        return "the line endings";
    }
}
