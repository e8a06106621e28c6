package io.securewatch.controlplane.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sign-in settings beyond those of quarkus-oidc. */
@ConfigMapping(prefix = "securewatch.security")
public interface SecurityConfig {

    BuiltInUsers builtInUsers();

    Oidc oidc();

    /**
     * Users defined in configuration and checked with HTTP basic authentication. Meant for the demo and for
     * tests; production signs users in through OIDC and leaves this disabled.
     */
    interface BuiltInUsers {

        /** Whether built-in users can sign in. */
        @WithDefault("false")
        boolean enabled();

        /** Users by user name. */
        Map<String, User> users();
    }

    /** A built-in user. */
    interface User {

        /** Password, compared in constant time. */
        String password();

        /** One of platform-admin, operator, tenant-admin or viewer. */
        String role();

        /** Slug of the tenant a tenant-admin administers; required for that role and ignored for the others. */
        Optional<String> tenant();
    }

    /** How OIDC access tokens map to SecureWatch users. */
    interface Oidc {

        /** Token claim that holds the tenant slug of a tenant-admin. */
        @WithDefault("securewatch_tenant")
        String tenantClaim();

        /** Token claim with the user's groups, a list of names or paths such as {@code /securewatch/operators}. */
        @WithDefault("groups")
        String groupsClaim();

        /**
         * Roles granted by group membership, as {@code group=role} entries, such as
         * {@code securewatch/operators=operator}. Roles in the token's role claim apply as well.
         */
        Optional<List<String>> groupRoles();
    }
}
