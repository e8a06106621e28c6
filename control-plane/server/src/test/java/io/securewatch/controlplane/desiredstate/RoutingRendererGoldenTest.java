package io.securewatch.controlplane.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.securewatch.api.v1.RenderedRouting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders each {@code input.yaml} under {@code src/test/resources/routing} and compares the Consul config entries
 * and HAProxy settings with the {@code expected.json} beside it. Run with {@code -Dsecurewatch.golden.update=true}
 * to rewrite the expected files after an intended change, then review the diff.
 */
class RoutingRendererGoldenTest {

    private static final Path CASES = Path.of("src/test/resources/routing");
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> directories = Files.list(CASES)) {
            return directories
                    .filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void renderingMatchesGoldenFile(String name) throws IOException {
        // given
        Path directory = CASES.resolve(name);
        RoutingInput input = YAML.readValue(directory.resolve("input.yaml").toFile(), RoutingInput.class);

        // when
        RenderedRouting rendered = RoutingRenderer.render(input);

        // then
        String actual = JSON.writeValueAsString(rendered) + "\n";
        Path expected = directory.resolve("expected.json");
        if (Boolean.getBoolean("securewatch.golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
