package io.securewatch.controlplane.audit;

import java.util.Locale;

/** Kind of change, as recorded in audit events and accepted by the {@code action} filter. */
public enum AuditAction {
    CREATE,
    UPDATE,
    DELETE,
    SUSPEND,
    RESUME,
    PROVISION,
    REMOVE,
    ISSUE_TOKEN,
    REGISTER,
    ROTATE,
    REVOKE,
    PRE_SCALE,
    RESTORE,
    START,
    ABORT,
    CONFIRM_ROLLBACK;

    /** Returns the value as stored and as it appears in JSON and query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
