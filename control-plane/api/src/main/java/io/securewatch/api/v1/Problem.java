package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type URI that identifies the kind of problem, one of the {@code urn:securewatch:problem:*} values
 * @param errors for invalid requests, one entry per bad field
 * @param requestId the value of the {@code X-Request-Id} response header, to find the request in the logs
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    /** Media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field path of the field in the request, such as {@code capacity.cpuMillis} or {@code regions[1]};
     *     query parameters and headers use their own names
     */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {}
}
