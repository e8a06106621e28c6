package io.securewatch.controlplane.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of tenant identities in Keycloak: one organization per tenant in the realm the
 * control plane itself signs users in with, a tenant-admin group, an OIDC client and the first administrator.
 */
@ConfigMapping(prefix = "securewatch.identity.keycloak")
public interface IdentityConfig {

    /** Whether tenant provisioning includes the identity step; off in the demo, which has no Keycloak. */
    @WithDefault("false")
    boolean enabled();

    /** Base URL of Keycloak, such as {@code https://keycloak.example.com}, required when enabled. */
    Optional<URI> serverUrl();

    /** Realm of the tenants' organizations, groups, clients and users; it must have organizations enabled. */
    @WithDefault("securewatch")
    String realm();

    /**
     * Confidential client of that realm whose service account may manage it: the realm-management roles
     * {@code manage-realm}, {@code manage-users} and {@code manage-clients}. Required when enabled.
     */
    Optional<String> clientId();

    /** Secret of that client; required when enabled. Never logged. */
    Optional<String> clientSecret();

    /** Realm role that the tenant-admin group grants; the control plane maps it to its tenant-admin role. */
    @WithDefault("tenant-admin")
    String tenantAdminRole();

    /**
     * Whether Keycloak emails the first administrator the link to set a password and verify the address. Needs an
     * SMTP server in the realm. Without one, turn this off and hand over the link from Keycloak's admin console.
     */
    @WithDefault("true")
    boolean sendInvitation();

    /** How long the invitation link stays valid. */
    @WithDefault("72h")
    Duration invitationLifespan();

    /** Redirect URIs of each tenant's OIDC client, such as the console's address; none allows only machine use. */
    Optional<List<String>> clientRedirectUris();

    /** How long a deleted tenant's disabled organization, group, client and users are kept before removal. */
    @WithDefault("30d")
    Duration retention();
}
