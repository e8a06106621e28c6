package io.securewatch.api.v1;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. Pass {@code nextCursor} as the {@code cursor} query parameter to get the next page; it is
 * absent on the last page.
 */
@Schema(name = "Page")
public record Page<T>(List<T> items, String nextCursor) {}
