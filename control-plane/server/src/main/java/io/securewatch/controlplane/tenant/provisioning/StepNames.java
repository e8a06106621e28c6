package io.securewatch.controlplane.tenant.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of each tenant operation, by name. Pure code. The identity step comes first when the control plane
 * provisions tenant identities, followed by one environment step per region of the tenant, in region name order.
 */
public final class StepNames {

    /** The tenant's organization, group, client and first administrator in Keycloak. */
    public static final String IDENTITY = "identity";

    private static final String ENVIRONMENT_PREFIX = "environment:";

    private StepNames() {}

    /** Returns the steps of an operation on a tenant with the given regions. */
    public static List<String> of(TenantOperation operation, List<String> regions, boolean identityProvisioned) {
        List<String> names = new ArrayList<>();
        if (identityProvisioned && operation != TenantOperation.UPDATE) {
            names.add(IDENTITY);
        }
        regions.stream().sorted().map(StepNames::environment).forEach(names::add);
        return names;
    }

    /** Returns the name of the step that brings the tenant's environment in a region up to date. */
    public static String environment(String region) {
        return ENVIRONMENT_PREFIX + region;
    }

    /** Returns the region of an environment step, or empty for any other step. */
    public static Optional<String> region(String step) {
        return step.startsWith(ENVIRONMENT_PREFIX)
                ? Optional.of(step.substring(ENVIRONMENT_PREFIX.length()))
                : Optional.empty();
    }
}
