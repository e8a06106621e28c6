package io.securewatch.controlplane.desiredstate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a bundle as multi-document YAML, one manifest per document, as kubectl would read it. */
public final class BundleYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private BundleYaml() {}

    public static String render(DesiredBundle bundle) {
        return render(bundle.objects().stream().map(Manifest::body).toList());
    }

    /** Renders manifests given as maps, in list order. */
    public static String render(List<Map<String, Object>> manifests) {
        return manifests.stream().map(BundleYaml::write).collect(Collectors.joining("---\n"));
    }

    private static String write(Map<String, Object> manifest) {
        try {
            return YAML.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest cannot be written as YAML: " + manifest.get("metadata"), e);
        }
    }
}
