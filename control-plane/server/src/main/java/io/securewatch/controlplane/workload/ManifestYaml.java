package io.securewatch.controlplane.workload;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a multi-document YAML stream of Kubernetes manifests into plain JSON-like values, defensively: documents
 * are split on {@code ---} lines and each is parsed on its own, so an error names its document; a document over
 * {@link #MAX_DOCUMENT_BYTES} is refused before it is parsed; aliases, nesting and duplicate keys are limited or
 * refused, so that expansion bombs fail fast; only YAML's standard scalar types are built, timestamps stay
 * strings, and keys must be strings, as in JSON. Pure code.
 */
final class ManifestYaml {

    /** Maximum size of one document, far above any real manifest. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;

    /** Maximum number of documents in one stream. */
    static final int MAX_DOCUMENTS = 500;

    static final int MAX_ALIASES = 20;
    static final int MAX_NESTING = 64;

    private static final Pattern SEPARATOR = Pattern.compile("^---(?:[ \\t].*)?$");

    private ManifestYaml() {}

    /** One document of the stream: its value (a map for a manifest), or the reason it could not be read. */
    record Document(int index, Object value, String error, String errorPath) {

        boolean failed() {
            return error != null;
        }
    }

    /**
     * Splits and parses the stream. Empty documents (only comments or blank lines) are skipped but keep their
     * index, so the numbers in errors match the order of {@code ---} separators in the file.
     *
     * @throws IllegalArgumentException when the stream contains more than {@link #MAX_DOCUMENTS} documents
     */
    static List<Document> read(String stream) {
        List<String> texts = split(stream);
        if (texts.size() > MAX_DOCUMENTS) {
            throw new IllegalArgumentException("contains " + texts.size() + " documents, too many; import at most "
                    + MAX_DOCUMENTS + " at a time");
        }
        List<Document> documents = new ArrayList<>();
        for (int index = 0; index < texts.size(); index++) {
            String text = texts.get(index);
            if (isBlank(text)) {
                continue;
            }
            documents.add(parse(index, text));
        }
        return documents;
    }

    private static List<String> split(String stream) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean started = false;
        for (String line : stream.split("\r?\n", -1)) {
            if (SEPARATOR.matcher(line).matches()) {
                if (started || !isBlank(current.toString())) {
                    documents.add(current.toString());
                }
                started = true;
                current.setLength(0);
                continue;
            }
            if (line.equals("...")) {
                continue;
            }
            current.append(line).append('\n');
        }
        documents.add(current.toString());
        return documents;
    }

    private static boolean isBlank(String text) {
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return false;
            }
        }
        return true;
    }

    private static Document parse(int index, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DOCUMENT_BYTES) {
            return new Document(
                    index,
                    null,
                    "is " + bytes + " bytes; a document may have at most " + MAX_DOCUMENT_BYTES
                            + " bytes, so split it or move large data out of the manifest",
                    "");
        }
        Object value;
        try {
            value = yaml().load(text);
        } catch (MarkedYAMLException e) {
            return new Document(index, null, describe(e), "");
        } catch (YAMLException e) {
            return new Document(index, null, limitExceeded(e.getMessage()), "");
        }
        List<Problem> problems = new ArrayList<>();
        Object plain = plain(value, "", problems);
        if (!problems.isEmpty()) {
            return new Document(
                    index, null, problems.get(0).message(), problems.get(0).path());
        }
        return new Document(index, plain, null, null);
    }

    /** Copies the parsed tree into strings, booleans, whole numbers, decimals, lists and string-keyed maps. */
    private static Object plain(Object value, String path, List<Problem> problems) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    problems.add(new Problem(
                            path, "has the key " + printable(entry.getKey()) + ", which is not a string; quote it"));
                    return null;
                }
                copy.put(key, plain(entry.getValue(), path.isEmpty() ? key : path + "." + key, problems));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(plain(list.get(i), path + "[" + i + "]", problems));
            }
            return copy;
        }
        if (value instanceof BigInteger) {
            problems.add(new Problem(path, "is a number too large for Kubernetes; use a smaller one or a string"));
            return null;
        }
        problems.add(new Problem(
                path,
                "has a YAML type that manifests do not use (" + value.getClass().getSimpleName()
                        + "); write a string, number, boolean, list or map"));
        return null;
    }

    private static String printable(Object key) {
        String text = String.valueOf(key);
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        if (mark == null) {
            return "is not valid YAML: " + problem;
        }
        return "is not valid YAML: " + problem + " at line " + (mark.getLine() + 1) + ", column "
                + (mark.getColumn() + 1) + " of the document";
    }

    /** Explains the parser's limit errors, which come without a position. */
    private static String limitExceeded(String message) {
        String text = firstLine(message);
        if (text.contains("aliases")) {
            return "uses more than " + MAX_ALIASES + " aliases (*name) to collections, as expansion bombs do; write"
                    + " the repeated parts out";
        }
        if (text.contains("Nesting Depth")) {
            return "nests more than " + MAX_NESTING + " levels deep; Kubernetes manifests need far fewer";
        }
        return "is not valid YAML: " + text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** Creates a parser for one document, because SnakeYAML's parsers are not thread-safe. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_DOCUMENT_BYTES);
        options.setProcessComments(false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new NoTimestamps());
    }

    private record Problem(String path, String message) {}

    /** The YAML 1.1 resolver without its timestamp rule, so dates in annotations stay strings. */
    private static final class NoTimestamps extends Resolver {

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
