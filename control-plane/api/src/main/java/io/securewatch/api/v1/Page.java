package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. Pass {@code nextCursor} as the {@code cursor} query parameter to get the next page; it is
 * absent on the last page.
 */
@Schema(description = "One page of a list.")
public record Page<T>(
        List<T> items,

        @Schema(description = "Cursor of the next page; absent on the last page.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String nextCursor) {}
