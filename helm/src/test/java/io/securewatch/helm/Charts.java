package io.securewatch.helm;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders and lints the charts under {@code helm/} with helm-java, which runs Helm as a native library: nothing is
 * installed and no cluster is contacted.
 */
final class Charts {

    static final String CONTROL_PLANE = "securewatch-control-plane";
    static final String CONSOLE = "securewatch-console";
    static final String AGENT = "securewatch-agent";
    static final List<String> ALL = List.of(CONTROL_PLANE, CONSOLE, AGENT);

    /** Namespace of every rendered release; the release name is the chart name, as in the install commands. */
    static final String NAMESPACE = "securewatch-system";

    static final String PRODUCTION_VALUES = "values-production.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();

    private Charts() {}

    static Path directory(String chart) {
        return Path.of(System.getProperty("helm.charts.directory", "")).resolve(chart);
    }

    static Path productionValues(String chart) {
        return directory(chart).resolve(PRODUCTION_VALUES);
    }

    /** Returns the output of {@code helm template} with the chart's default values and the given overrides. */
    static String template(String chart, Map<String, Object> overrides) {
        return render(chart, null, overrides);
    }

    /**
     * Returns the output of {@code helm template -f valuesFile}. Tests pass lists this way, because helm-java's
     * {@code --set} turns them into text.
     */
    static String template(String chart, Path valuesFile) {
        return render(chart, valuesFile, Map.of());
    }

    /** Returns the output of {@code helm template -f values-production.yaml} with the given overrides. */
    static String templateProduction(String chart, Map<String, Object> overrides) {
        return render(chart, productionValues(chart), overrides);
    }

    static Manifests manifests(String rendered) {
        return new Manifests(parseDocuments(rendered));
    }

    /**
     * Runs {@code helm lint --strict} on the chart with its values.yaml overridden by the given file, or on the
     * chart as it is when the file is null.
     *
     * <p>NOTE: helm-java 0.0.21 offers no values file for lint, so the overrides are merged into a copy of the chart
     * with Helm's rules: maps merge key by key, any other value replaces the default, and null removes the key.
     */
    static LintResult lintStrict(String chart, Path valuesFile, Path workDirectory) {
        Path target = directory(chart);
        if (valuesFile != null) {
            target = workDirectory.resolve(chart);
            copyDirectory(directory(chart), target);
            Map<String, Object> merged = mergeValues(readMap(target.resolve("values.yaml")), readMap(valuesFile));
            writeMap(target.resolve("values.yaml"), merged);
        }
        return new Helm(target).lint().strict().call();
    }

    /** Returns {@code overrides} laid over {@code defaults} as Helm merges a values file into a chart's values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeValues(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, value) -> {
            Object current = merged.get(key);
            if (value == null) {
                merged.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                merged.put(key, mergeValues((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(Path file) {
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), Map.class);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + file + " failed", e);
        }
    }

    private static String render(String chart, Path valuesFile, Map<String, Object> overrides) {
        TemplateCommand command =
                new Helm(directory(chart)).template().withName(chart).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> override : overrides.entrySet()) {
            command = command.set(override.getKey(), override.getValue());
        }
        return command.call();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parseDocuments(String rendered) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> iterator =
                YAML.readerFor(Map.class).readValues(rendered)) {
            while (iterator.hasNext()) {
                Map<String, Object> document = iterator.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The rendered chart is not valid YAML", e);
        }
        return documents;
    }

    private static void writeMap(Path file, Map<String, Object> map) {
        try {
            YAML.writeValue(file.toFile(), map);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing " + file + " failed", e);
        }
    }

    private static void copyDirectory(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + source + " to " + target + " failed", e);
        }
    }
}
