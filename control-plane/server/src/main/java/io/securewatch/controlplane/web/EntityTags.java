package io.securewatch.controlplane.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ETags and {@code If-Match} (RFC 9110, section 13.1.1). The ETag of an object is its version number in quotes.
 * {@code If-Match} uses the strong comparison, so weak tags never match; {@code *} matches any existing object.
 */
public final class EntityTags {

    public static final String IF_MATCH = "If-Match";

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
        List<String> tags = new ArrayList<>();
        boolean any = false;
        Matcher matcher = TAG.matcher(header);
        int position = 0;
        while (position < header.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw ApiException.invalid(
                        IF_MATCH, "must be a list of entity tags such as \"3\", as sent in the ETag header");
            }
            if ("*".equals(matcher.group(1))) {
                any = true;
            } else if (matcher.group(2) == null) {
                tags.add(matcher.group(3));
            }
            position = matcher.end();
        }
        return any ? IfMatch.ANY : new IfMatch(List.copyOf(tags));
    }

    /** A parsed {@code If-Match} header: the strong tags it lists, or any version. */
    public record IfMatch(List<String> tags) {

        static final IfMatch ANY = new IfMatch(null);

        public boolean matches(long version) {
            return tags == null || tags.contains(Long.toString(version));
        }

        /**
         * Rejects the request with 412 unless the header matches the current version.
         *
         * @param object kind and name of the object, for the message
         */
        public void check(long version, String object) {
            if (!matches(version)) {
                throw new ApiException(
                        ProblemType.PRECONDITION_FAILED,
                        object + " has changed since you read it (current ETag " + of(version)
                                + "); fetch it again, reapply your change and retry");
            }
        }
    }
}
