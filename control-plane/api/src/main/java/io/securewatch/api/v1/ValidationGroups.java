package io.securewatch.api.v1;

import jakarta.validation.groups.Default;

/** Bean Validation groups that separate create-only constraints from those every write checks. */
public final class ValidationGroups {

    /**
     * Constraints checked when an object is created, on top of the default ones. The name of an object is
     * required on create but optional on update, where the path already names it.
     */
    public interface Create extends Default {}

    private ValidationGroups() {}
}
