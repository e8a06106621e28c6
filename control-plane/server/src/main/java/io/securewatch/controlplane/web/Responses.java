package io.securewatch.controlplane.web;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Success responses that carry the object's version as an ETag. */
public final class Responses {

    private Responses() {}

    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(new EntityTag(Long.toString(version))).build();
    }

    public static Response accepted(Object body, long version) {
        return Response.accepted(body)
                .tag(new EntityTag(Long.toString(version)))
                .build();
    }

    public static Response created(URI location, Object body, long version) {
        return Response.created(location)
                .entity(body)
                .tag(new EntityTag(Long.toString(version)))
                .build();
    }
}
