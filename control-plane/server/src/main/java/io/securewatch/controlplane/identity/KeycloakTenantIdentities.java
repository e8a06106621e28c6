package io.securewatch.controlplane.identity;

import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.security.SecurityConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Tenant identities in one Keycloak realm: per tenant an organization (alias and name are the slug), a group
 * {@code tenant-<slug>-admins} that grants the tenant-admin realm role, a confidential OIDC client
 * {@code securewatch-tenant-<slug>} whose service account administers the tenant, and the first administrator,
 * created with the actions to verify the email address and set a password. Every user of the tenant carries the
 * tenant in the attribute that the control plane reads from tokens.
 */
@ApplicationScoped
public class KeycloakTenantIdentities implements TenantIdentityProvider {

    private static final Logger LOG = Logger.getLogger(KeycloakTenantIdentities.class);

    /** Keycloak's names of the actions the first administrator is asked to complete. */
    static final List<String> ADMIN_ACTIONS = List.of("VERIFY_EMAIL", "UPDATE_PASSWORD");

    private final IdentityConfig config;
    private final String tenantAttribute;
    private final String groupsClaim;
    private Keycloak keycloak;

    @Inject
    KeycloakTenantIdentities(IdentityConfig config, SecurityConfig security) {
        this.config = config;
        this.tenantAttribute = security.oidc().tenantClaim();
        this.groupsClaim = security.oidc().groupsClaim();
    }

    static String groupName(String slug) {
        return "tenant-" + slug + "-admins";
    }

    static String clientId(String slug) {
        return "securewatch-tenant-" + slug;
    }

    @Override
    public IdentityRefs ensure(TenantIdentity tenant, IdentityRefs known) {
        RealmResource realm = realm();
        String organizationId =
                phase("set up the organization", () -> ensureOrganization(realm, tenant, known.organizationId()));
        String groupId = phase("set up the admin group", () -> ensureGroup(realm, tenant, known.groupId()));
        String clientId = phase("set up the client", () -> ensureClient(realm, tenant, known.clientId(), groupId));
        String adminId = tenant.adminEmail() == null
                ? known.adminUserId()
                : phase(
                        "set up the first administrator",
                        () -> ensureAdmin(realm, tenant, known.adminUserId(), groupId, organizationId));
        return new IdentityRefs(organizationId, groupId, clientId, adminId);
    }

    @Override
    public void setEnabled(TenantIdentity tenant, IdentityRefs known, Access access) {
        phase("change whether the identity is enabled", () -> {
            applyAccess(tenant, known, access);
            return null;
        });
    }

    private void applyAccess(TenantIdentity tenant, IdentityRefs known, Access access) {
        RealmResource realm = realm();
        findClient(realm, tenant.slug(), known.clientId()).ifPresent(client -> {
            ClientRepresentation representation = client.toRepresentation();
            boolean enabled = access == Access.ENABLED;
            if (!Objects.equals(representation.isEnabled(), enabled)) {
                representation.setEnabled(enabled);
                client.update(representation);
            }
        });
        boolean membersEnabled = access != Access.ALL_DISABLED;
        findOrganization(realm, tenant.slug(), known.organizationId()).ifPresent(organization -> {
            OrganizationRepresentation representation = organization.toRepresentation();
            if (representation.isEnabled() != membersEnabled) {
                representation.setEnabled(membersEnabled);
                expect(organization.update(representation), "update organization " + tenant.slug());
            }
            for (UserRepresentation user : tenantMembers(realm, organization, tenant.slug())) {
                if (!Objects.equals(user.isEnabled(), membersEnabled)) {
                    user.setEnabled(membersEnabled);
                    realm.users().get(user.getId()).update(user);
                }
            }
        });
    }

    @Override
    public void remove(TenantIdentity tenant, IdentityRefs known) {
        phase("remove the identity", () -> {
            removeAll(tenant, known);
            return null;
        });
    }

    private void removeAll(TenantIdentity tenant, IdentityRefs known) {
        RealmResource realm = realm();
        findOrganization(realm, tenant.slug(), known.organizationId()).ifPresent(organization -> {
            for (UserRepresentation user : tenantMembers(realm, organization, tenant.slug())) {
                ignoreMissing(() -> realm.users().get(user.getId()).remove());
            }
            ignoreMissing(() -> expect(organization.delete(), "delete organization " + tenant.slug()));
        });
        findClient(realm, tenant.slug(), known.clientId()).ifPresent(client -> ignoreMissing(client::remove));
        findGroup(realm, tenant.slug(), known.groupId())
                .ifPresent(
                        group -> ignoreMissing(() -> realm.groups().group(group).remove()));
    }

    private String ensureOrganization(RealmResource realm, TenantIdentity tenant, String knownId) {
        Optional<OrganizationResource> existing = findOrganization(realm, tenant.slug(), knownId);
        if (existing.isPresent()) {
            OrganizationRepresentation representation = existing.get().toRepresentation();
            if (!representation.isEnabled()) {
                representation.setEnabled(true);
                expect(existing.get().update(representation), "enable organization " + tenant.slug());
            }
            return representation.getId();
        }
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setName(tenant.slug());
        organization.setAlias(tenant.slug());
        organization.setDescription(tenant.displayName());
        organization.setEnabled(true);
        organization.setAttributes(Map.of(tenantAttribute, List.of(tenant.slug())));
        String id = createdId(realm.organizations().create(organization), "create organization " + tenant.slug());
        LogFields.info(LOG, "Keycloak organization created", LogKeys.TENANT, tenant.slug());
        return id;
    }

    private Optional<OrganizationResource> findOrganization(RealmResource realm, String slug, String knownId) {
        if (knownId != null) {
            OrganizationResource byId = realm.organizations().get(knownId);
            if (exists(byId::toRepresentation)) {
                return Optional.of(byId);
            }
        }
        return realm.organizations().search(slug, true, 0, 10).stream()
                .filter(organization -> slug.equals(organization.getAlias()))
                .findFirst()
                .map(organization -> realm.organizations().get(organization.getId()));
    }

    private String ensureGroup(RealmResource realm, TenantIdentity tenant, String knownId) {
        Optional<String> existing = findGroup(realm, tenant.slug(), knownId);
        String id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            GroupRepresentation group = new GroupRepresentation();
            group.setName(groupName(tenant.slug()));
            group.setAttributes(Map.of(tenantAttribute, List.of(tenant.slug())));
            id = createdId(realm.groups().add(group), "create group " + groupName(tenant.slug()));
        }
        List<RoleRepresentation> granted =
                realm.groups().group(id).roles().realmLevel().listAll();
        if (granted.stream().noneMatch(role -> config.tenantAdminRole().equals(role.getName()))) {
            RoleRepresentation role;
            try {
                role = realm.roles().get(config.tenantAdminRole()).toRepresentation();
            } catch (WebApplicationException e) {
                if (!isNotFound(e)) {
                    throw e;
                }
                throw new IdentityException("realm '" + config.realm() + "' has no role '" + config.tenantAdminRole()
                        + "'; create it or set securewatch.identity.keycloak.tenant-admin-role");
            }
            realm.groups().group(id).roles().realmLevel().add(List.of(role));
        }
        return id;
    }

    private Optional<String> findGroup(RealmResource realm, String slug, String knownId) {
        if (knownId != null && exists(() -> realm.groups().group(knownId).toRepresentation())) {
            return Optional.of(knownId);
        }
        try {
            return Optional.of(realm.getGroupByPath("/" + groupName(slug)).getId());
        } catch (WebApplicationException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String ensureClient(RealmResource realm, TenantIdentity tenant, String knownId, String groupId) {
        Optional<ClientResource> existing = findClient(realm, tenant.slug(), knownId);
        ClientResource client;
        if (existing.isPresent()) {
            client = existing.get();
            ClientRepresentation representation = client.toRepresentation();
            if (!Boolean.TRUE.equals(representation.isEnabled())) {
                representation.setEnabled(true);
                client.update(representation);
            }
        } else {
            String id =
                    createdId(realm.clients().create(newClient(tenant)), "create client " + clientId(tenant.slug()));
            client = realm.clients().get(id);
        }
        // The service account acts for the tenant: it carries the tenant and joins the tenant-admin group.
        UserRepresentation account = client.getServiceAccountUser();
        if (!tenant.slug().equals(attribute(account.getAttributes(), tenantAttribute))) {
            UserRepresentation update = realm.users().get(account.getId()).toRepresentation();
            update.setAttributes(withTenant(update.getAttributes(), tenant.slug()));
            realm.users().get(account.getId()).update(update);
        }
        realm.users().get(account.getId()).joinGroup(groupId);
        return client.toRepresentation().getId();
    }

    private ClientRepresentation newClient(TenantIdentity tenant) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId(tenant.slug()));
        client.setName(tenant.displayName());
        client.setDescription("SecureWatch API access for tenant " + tenant.slug());
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        List<String> redirects = config.clientRedirectUris().orElse(List.of());
        client.setStandardFlowEnabled(!redirects.isEmpty());
        client.setRedirectUris(redirects);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        client.setProtocolMappers(List.of(tenantMapper(), groupsMapper()));
        return client;
    }

    private ProtocolMapperRepresentation tenantMapper() {
        return accessTokenMapper(
                "securewatch tenant",
                "oidc-usermodel-attribute-mapper",
                Map.of("user.attribute", tenantAttribute, "claim.name", tenantAttribute, "jsonType.label", "String"));
    }

    private ProtocolMapperRepresentation groupsMapper() {
        return accessTokenMapper(
                "securewatch groups",
                "oidc-group-membership-mapper",
                Map.of("claim.name", groupsClaim, "full.path", "true"));
    }

    /** Returns a protocol mapper that adds its claim to access tokens only, not to ID tokens or user info. */
    private static ProtocolMapperRepresentation accessTokenMapper(
            String name, String type, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("access.token.claim", "true");
        config.put("id.token.claim", "false");
        config.put("userinfo.token.claim", "false");
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(config);
        return mapper;
    }

    private Optional<ClientResource> findClient(RealmResource realm, String slug, String knownId) {
        if (knownId != null) {
            ClientResource byId = realm.clients().get(knownId);
            if (exists(byId::toRepresentation)) {
                return Optional.of(byId);
            }
        }
        return realm.clients().findByClientId(clientId(slug)).stream()
                .findFirst()
                .map(client -> realm.clients().get(client.getId()));
    }

    private String ensureAdmin(
            RealmResource realm, TenantIdentity tenant, String knownId, String groupId, String organizationId) {
        UserRepresentation user = null;
        if (knownId != null && exists(() -> realm.users().get(knownId).toRepresentation())) {
            user = realm.users().get(knownId).toRepresentation();
        }
        if (user == null) {
            user = realm.users().searchByEmail(tenant.adminEmail(), true).stream()
                    .findFirst()
                    .orElse(null);
        }
        boolean created = false;
        if (user == null) {
            UserRepresentation invited = new UserRepresentation();
            invited.setUsername(tenant.adminEmail());
            invited.setEmail(tenant.adminEmail());
            invited.setEmailVerified(false);
            invited.setEnabled(true);
            invited.setRequiredActions(ADMIN_ACTIONS);
            invited.setAttributes(withTenant(null, tenant.slug()));
            String id = createdId(realm.users().create(invited), "create the tenant's first administrator");
            user = realm.users().get(id).toRepresentation();
            created = true;
        } else {
            String owner = attribute(user.getAttributes(), tenantAttribute);
            if (owner != null && !owner.equals(tenant.slug())) {
                throw new IdentityException("the Keycloak user with email " + tenant.adminEmail()
                        + " already administers tenant " + owner + "; give this tenant another administrator");
            }
            if (owner == null) {
                user.setAttributes(withTenant(user.getAttributes(), tenant.slug()));
                realm.users().get(user.getId()).update(user);
            }
        }
        String userId = user.getId();
        realm.users().get(userId).joinGroup(groupId);
        OrganizationResource organization = realm.organizations().get(organizationId);
        boolean member = organization.members().getAll().stream().anyMatch(existing -> userId.equals(existing.getId()));
        if (!member) {
            expect(organization.members().addMember(userId), "add the administrator to organization " + tenant.slug());
        }
        if (created && config.sendInvitation()) {
            realm.users()
                    .get(userId)
                    .executeActionsEmail(
                            clientId(tenant.slug()),
                            config.clientRedirectUris()
                                    .flatMap(uris -> uris.stream().findFirst())
                                    .orElse(null),
                            (int) config.invitationLifespan().toSeconds(),
                            ADMIN_ACTIONS);
            LogFields.info(LOG, "Tenant administrator invited", LogKeys.TENANT, tenant.slug());
        }
        return userId;
    }

    /**
     * Returns the organization's members that carry the tenant, read in full: the member list leaves out attributes,
     * and a member of several organizations that belongs to another tenant stays untouched.
     */
    private List<UserRepresentation> tenantMembers(
            RealmResource realm, OrganizationResource organization, String slug) {
        List<UserRepresentation> members = new java.util.ArrayList<>();
        for (MemberRepresentation member : organization.members().getAll()) {
            UserRepresentation user = realm.users().get(member.getId()).toRepresentation();
            if (slug.equals(attribute(user.getAttributes(), tenantAttribute))) {
                members.add(user);
            }
        }
        return members;
    }

    private Map<String, List<String>> withTenant(Map<String, List<String>> attributes, String slug) {
        Map<String, List<String>> updated = attributes == null ? new HashMap<>() : new HashMap<>(attributes);
        updated.put(tenantAttribute, List.of(slug));
        return updated;
    }

    private static String attribute(Map<String, List<String>> attributes, String name) {
        if (attributes == null) {
            return null;
        }
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Runs one part of a call and names it in the error when Keycloak responds with an HTTP error, since the admin
     * client's own exceptions name only the status.
     */
    private static <T> T phase(String what, java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (WebApplicationException e) {
            throw new IdentityException("Keycloak responded with HTTP "
                    + e.getResponse().getStatus() + " when asked to " + what + ": " + errorText(e.getResponse()));
        }
    }

    /**
     * Tells whether Keycloak responded with 404. The Quarkus REST client raises a plain {@link WebApplicationException} for
     * every status, not its subclasses such as {@code NotFoundException}.
     */
    private static boolean isNotFound(WebApplicationException e) {
        return e.getResponse() != null && e.getResponse().getStatus() == Response.Status.NOT_FOUND.getStatusCode();
    }

    private static boolean exists(Runnable read) {
        try {
            read.run();
            return true;
        } catch (WebApplicationException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Runs a removal and ignores that the object is already gone, which makes removals idempotent. */
    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (WebApplicationException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    private static String createdId(Response response, String what) {
        try (response) {
            if (response.getStatus() != Response.Status.CREATED.getStatusCode()) {
                throw new IdentityException("Keycloak rejected the request to " + what + ": HTTP "
                        + response.getStatus() + " " + errorText(response));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static void expect(Response response, String what) {
        try (response) {
            if (response.getStatus() >= 300) {
                throw new IdentityException("Keycloak rejected the request to " + what + ": HTTP "
                        + response.getStatus() + " " + errorText(response));
            }
        }
    }

    private static String errorText(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return body.length() > 300 ? body.substring(0, 300) : body;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private synchronized RealmResource realm() {
        if (keycloak == null) {
            keycloak = KeycloakBuilder.builder()
                    .serverUrl(config.serverUrl()
                            .orElseThrow(
                                    () -> new IdentityException("securewatch.identity.keycloak.server-url is not set"))
                            .toString())
                    .realm(config.realm())
                    .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                    .clientId(config.clientId()
                            .orElseThrow(
                                    () -> new IdentityException("securewatch.identity.keycloak.client-id is not set")))
                    .clientSecret(config.clientSecret()
                            .orElseThrow(() ->
                                    new IdentityException("securewatch.identity.keycloak.client-secret is not set")))
                    .build();
        }
        return keycloak.realm(config.realm());
    }

    @PreDestroy
    synchronized void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
