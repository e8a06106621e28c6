package io.securewatch.controlplane.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETags, {@code If-Match} and {@code If-None-Match} (RFC 9110, sections 13.1.1 and 13.1.2). The ETag of an object is its version number in quotes.
 * {@code If-Match} uses the strong comparison, so weak tags never match, and a header of weak tags only is rejected
 * with a message of its own. {@code *} matches any existing object.
 */
public final class EntityTags {

    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";

    private static final Pattern TAG = Pattern.compile("\\s*(\\*|(W/)?\"([\\x21\\x23-\\x7e]*)\")\\s*(,|$)");

    private EntityTags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Parses the {@code If-Match} header of a request that must carry one.
     *
     * @throws ApiException 428 when the header is missing, 400 when it is not a list of entity tags
     */
    public static IfMatch requireIfMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(
                    ProblemType.PRECONDITION_REQUIRED,
                    "the If-Match header is required; send the ETag from your last GET of this object");
        }
        return parse(header);
    }

    /**
     * Tells whether an {@code If-None-Match} header matches the current tag, using the weak comparison that
     * RFC 9110 prescribes for it. A match means the response is 304 Not Modified.
     *
     * @throws ApiException 400 when the header is not a list of entity tags
     */
    public static boolean noneMatchHits(String header, String currentTag) {
        if (header == null || header.isBlank() || currentTag == null) {
            return false;
        }
        return tags(header, IF_NONE_MATCH).stream()
                .anyMatch(tag -> tag.any() || tag.value().equals(currentTag));
    }

    /** Parses an optional {@code If-Match} header; a missing header matches any version. */
    public static IfMatch optionalIfMatch(String header) {
        return header == null || header.isBlank() ? IfMatch.ANY : parse(header);
    }

    /**
     * Tells whether an {@code If-Match} header names at least one version, as opposed to being absent, {@code *}
     * or unreadable.
     */
    static boolean namesVersion(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            IfMatch ifMatch = parse(header);
            return ifMatch.tags() != null && !ifMatch.tags().isEmpty();
        } catch (ApiException e) {
            return false;
        }
    }

    private static IfMatch parse(String header) {
        List<Tag> tags = tags(header, IF_MATCH);
        if (tags.stream().anyMatch(Tag::any)) {
            return IfMatch.ANY;
        }
        return new IfMatch(
                tags.stream().filter(tag -> !tag.weak()).map(Tag::value).toList(),
                tags.stream().allMatch(Tag::weak));
    }

    /**
     * Splits a list of entity tags, such as {@code "3", W/"4"} or {@code *}.
     *
     * @throws ApiException 400 naming the header when the list is malformed
     */
    private static List<Tag> tags(String header, String headerName) {
        List<Tag> tags = new ArrayList<>();
        Matcher matcher = TAG.matcher(header);
        int position = 0;
        while (position < header.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw ApiException.invalid(
                        headerName, "must be a list of entity tags such as \"3\", as sent in the ETag header");
            }
            boolean any = "*".equals(matcher.group(1));
            tags.add(new Tag(any ? null : matcher.group(3), matcher.group(2) != null, any));
            position = matcher.end();
        }
        return tags;
    }

    /** One entry of an entity-tag list: a tag value, weak or strong, or the wildcard. */
    private record Tag(String value, boolean weak, boolean any) {}

    /**
     * A parsed {@code If-Match} header: the strong tags it lists, or any version.
     *
     * @param tags the strong tags, or null for any version
     * @param weakOnly whether the header listed weak tags and nothing else, so that no version can match it
     */
    public record IfMatch(List<String> tags, boolean weakOnly) {

        static final IfMatch ANY = new IfMatch(null, false);

        public boolean matches(long version) {
            return tags == null || tags.contains(Long.toString(version));
        }

        /**
         * Rejects the request with 412 unless the header matches the current version.
         *
         * @param object kind and name of the object, for the message
         */
        public void check(long version, String object) {
            if (matches(version)) {
                return;
            }
            if (weakOnly) {
                throw new ApiException(
                        ProblemType.PRECONDITION_FAILED,
                        "If-Match: weak ETags are not accepted for writes, so " + object + " was not changed;"
                                + " send the strong ETag from your last GET of it, such as \"3\" rather than W/\"3\"");
            }
            throw new ApiException(
                    ProblemType.PRECONDITION_FAILED,
                    object + " has changed since you read it (current ETag " + of(version)
                            + "); fetch it again, reapply your change and retry");
        }
    }
}
