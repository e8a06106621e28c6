package io.securewatch.controlplane.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers the resources every Quarkus test of this module shares. */
@WithTestResource(value = TestDatabase.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {}
}
