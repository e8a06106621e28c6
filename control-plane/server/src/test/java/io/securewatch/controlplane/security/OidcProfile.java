package io.securewatch.controlplane.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production sign-in: OIDC bearer tokens, verified here with a local public key instead of a Keycloak
 * server, and no built-in users.
 */
public class OidcProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://keycloak.test/realms/securewatch";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled",
                "true",
                "quarkus.oidc.public-key",
                TestSigningKeys.publicKey(),
                "quarkus.oidc.token.issuer",
                ISSUER,
                "securewatch.security.built-in-users.enabled",
                "false",
                "securewatch.security.oidc.group-roles",
                "/securewatch/operators=operator,securewatch-viewers=viewer");
    }
}
