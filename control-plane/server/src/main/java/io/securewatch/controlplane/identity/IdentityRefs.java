package io.securewatch.controlplane.identity;

/**
 * Keycloak's ids of one tenant's objects. A null id means the object was not created yet.
 *
 * @param clientId Keycloak's internal id of the tenant's OIDC client, not its client ID
 */
public record IdentityRefs(String organizationId, String groupId, String clientId, String adminUserId) {

    public static final IdentityRefs NONE = new IdentityRefs(null, null, null, null);
}
