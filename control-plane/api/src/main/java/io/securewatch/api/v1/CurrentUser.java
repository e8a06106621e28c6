package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The user a request is made as, with the roles the API checks and, for a tenant admin, the tenant.
 *
 * @param roles SecureWatch roles, sorted: {@code platform-admin}, {@code operator}, {@code tenant-admin} or
 *     {@code viewer}
 * @param tenant the tenant a tenant admin manages; absent for the platform roles
 */
@Schema(name = "CurrentUser")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CurrentUser(String name, List<String> roles, String tenant) {}
