package io.securewatch.controlplane.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP responses, each an RFC 9457 problem. Client errors are logged at
 * DEBUG. Server errors are logged at ERROR with the request id, and the client gets only that id and a generic
 * text, never a stack trace, SQL or a class name.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Seconds a client should wait before retrying while the database is unavailable. */
    private static final int RETRY_AFTER_SECONDS = 5;

    /** During a database outage every request fails; only one stack trace per interval reaches the log. */
    private static final CauseSampler UNAVAILABLE_LOG = new CauseSampler(Duration.ofSeconds(30));

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    Response mapApiException(ApiException error, RoutingContext context) {
        return respond(error.type(), error.getMessage(), error.fieldErrors(), context, null);
    }

    @ServerExceptionMapper
    Response mapConstraintViolation(ConstraintViolationException error, RoutingContext context) {
        List<FieldError> errors = Violations.toFieldErrors(error.getConstraintViolations());
        if (errors.isEmpty()) {
            return mapUnexpected(error, context);
        }
        return mapApiException(ApiException.invalid(errors), context);
    }

    /**
     * Maps JSON read errors. The more specific types are listed because Quarkus ships its own mapper for
     * {@code MismatchedInputException}, and the most specific mapper wins.
     */
    @ServerExceptionMapper({
        JsonProcessingException.class,
        JsonMappingException.class,
        MismatchedInputException.class,
        UnrecognizedPropertyException.class,
        InvalidFormatException.class,
        JsonParseException.class
    })
    Response mapJson(JsonProcessingException error, RoutingContext context) {
        FieldError fieldError = JsonErrors.toFieldError(error);
        return respond(
                ProblemType.MALFORMED_BODY,
                fieldError.field() + ": " + fieldError.message(),
                List.of(fieldError),
                context,
                null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response mapUnauthenticated(RuntimeException error, RoutingContext context) {
        Response response = respond(
                ProblemType.UNAUTHENTICATED,
                "missing or invalid credentials; sign in and send the credentials with the request",
                List.of(),
                context,
                null);
        return Response.fromResponse(response)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"securewatch\"")
                .build();
    }

    @ServerExceptionMapper
    Response mapForbidden(ForbiddenException error, RoutingContext context) {
        return respond(
                ProblemType.FORBIDDEN,
                "your role does not allow this operation; ask a platform administrator for access",
                List.of(),
                context,
                null);
    }

    @ServerExceptionMapper
    Response mapWebApplication(WebApplicationException error, RoutingContext context) {
        if (error.getCause() instanceof JsonProcessingException json) {
            return mapJson(json, context);
        }
        int status = error.getResponse().getStatus();
        String allowed = allowedMethods.allowHeader(context.normalizedPath());
        if (status == Response.Status.NOT_FOUND.getStatusCode()
                && allowed != null
                && !List.of(allowed.split(", "))
                        .contains(context.request().method().name())) {
            // The router found no method for this verb on a path that exists: that is 405, not 404.
            status = Response.Status.METHOD_NOT_ALLOWED.getStatusCode();
        }
        if (status >= 500) {
            return mapUnexpected(error, context);
        }
        ProblemType type = HttpStatusProblems.forStatus(status);
        Response response = respond(type, HttpStatusProblems.detail(status, context), List.of(), context, null);
        String allow = error.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow == null && status == Response.Status.METHOD_NOT_ALLOWED.getStatusCode()) {
            allow = allowed;
        }
        return allow == null
                ? response
                : Response.fromResponse(response)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    Response mapUnexpected(Throwable error, RoutingContext context) {
        if (isBodyTooLarge(error)) {
            // A chunked body over the ceiling: Quarkus has already answered 413 and closed the connection.
            LogFields.debug(LOG, "Request body over the size ceiling", LogKeys.PATH, context.normalizedPath());
            return context.response().headWritten()
                    ? Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).build()
                    : respond(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            HttpStatusProblems.detail(413, context),
                            List.of(),
                            context,
                            null);
        }
        boolean clientNamedVersion = EntityTags.namesVersion(context.request().getHeader(EntityTags.IF_MATCH));
        Optional<ApiException> known = DatabaseErrors.translate(error, clientNamedVersion);
        if (known.isPresent()) {
            return mapApiException(known.get(), context);
        }
        if (DatabaseErrors.isUnavailable(error)) {
            Throwable logged = UNAVAILABLE_LOG.shouldLogCause() ? error : null;
            Response response = respond(
                    ProblemType.UNAVAILABLE, "the database is unavailable; retry later", List.of(), context, logged);
            return Response.fromResponse(response)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        return respond(
                ProblemType.INTERNAL_ERROR,
                "the server failed to process the request; report the request id to the operators",
                List.of(),
                context,
                error);
    }

    /** Returns whether the error is Quarkus's report of a body read beyond the size ceiling. */
    private static boolean isBodyTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException && "Request too large".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(
            ProblemType type, String detail, List<FieldError> errors, RoutingContext context, Throwable cause) {
        Problems.RequestInfo request =
                new Problems.RequestInfo(context.normalizedPath(), RequestIdRoute.requestId(context));
        Object[] fields = {
            LogKeys.STATUS, type.status(),
            LogKeys.PROBLEM_TYPE, type.uri(),
            LogKeys.METHOD, context.request().method(),
            LogKeys.PATH, request.path(),
            LogKeys.REQUEST_ID, request.requestId()
        };
        if (type.status() >= 500) {
            LogFields.error(LOG, cause, "Request failed", fields);
        } else {
            LogFields.debug(LOG, "Request rejected", fields);
        }
        return Problems.response(type, detail, errors, request);
    }
}
