package io.securewatch.controlplane.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects JSON and YAML bodies declared in a charset other than UTF-8. RFC 8259 requires UTF-8 for JSON exchanged
 * between systems, and the reader decodes UTF-8 only, so another declared charset would be silently misread.
 */
public class JsonCharsetFilter {

    @ServerRequestFilter
    void requireUtf8(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !request.hasEntity()) {
            return;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null
                && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())
                && !charset.equalsIgnoreCase("utf8")) {
            throw new ApiException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "the body is declared as " + FieldPaths.printable(charset)
                            + "; send the body encoded as UTF-8, with charset=utf-8 or no charset");
        }
    }
}
