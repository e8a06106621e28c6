package io.securewatch.controlplane.web;

import io.securewatch.api.v1.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code cursor} and {@code limit} query parameters of a list request. A cursor is the sort key of the last
 * item of the previous page, encoded so that clients treat it as opaque.
 */
public record PageRequest(Optional<String> after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String VERSION_PREFIX = "v1:";
    private static final int MAX_CURSOR_LENGTH = 1024;

    /**
     * Parses the query parameters.
     *
     * @throws ApiException 400 naming the parameter when either is invalid
     */
    public static PageRequest parse(String cursor, String limit) {
        return new PageRequest(decode(cursor), parseLimit(limit));
    }

    /** Returns the cursor that continues after the given sort key. */
    public static String cursorAfter(String sortKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION_PREFIX + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns how many rows to fetch: one more than the page holds, to learn whether a next page exists. */
    public int rowsToFetch() {
        return limit + 1;
    }

    /**
     * Builds the page from the rows fetched with {@link #rowsToFetch()}.
     *
     * @param sortKey the key the list is ordered by, which the next page continues after
     */
    public <R, T> Page<T> toPage(List<R> rows, Function<R, T> mapper, Function<T, String> sortKey) {
        List<T> items = rows.stream().limit(limit).map(mapper).toList();
        String next = rows.size() > limit ? cursorAfter(sortKey.apply(items.get(items.size() - 1))) : null;
        return new Page<>(items, next);
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        if (cursor.length() <= MAX_CURSOR_LENGTH) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (decoded.startsWith(VERSION_PREFIX) && decoded.indexOf('\0') < 0) {
                    return Optional.of(decoded.substring(VERSION_PREFIX.length()));
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw ApiException.invalid("cursor", "is not a cursor from this API; pass the nextCursor of the previous page");
    }
}
