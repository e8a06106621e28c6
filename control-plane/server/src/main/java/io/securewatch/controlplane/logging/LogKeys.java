package io.securewatch.controlplane.logging;

/** Field names used in log lines, one list so that the same thing has the same name everywhere. */
public final class LogKeys {

    public static final String ACTION = "action";
    public static final String ACTOR = "actor";
    public static final String AGENT_VERSION = "agentVersion";
    public static final String BYPASS_RLS = "bypassRls";
    public static final String CHANNEL = "channel";
    public static final String CLUSTER = "cluster";
    public static final String COMMAND_ID = "commandId";
    public static final String COUNT = "count";
    public static final String DATACENTER = "datacenter";
    public static final String DATA_DIRECTORY = "dataDirectory";
    public static final String DELAY_MILLIS = "delayMillis";
    public static final String DESIRED_REVISION = "desiredRevision";
    public static final String DRILL = "drill";
    public static final String EPOCH = "epoch";
    public static final String FAILURES = "failures";
    public static final String FILE = "file";
    public static final String FIRE_TIME = "fireTime";
    public static final String FULL = "full";
    public static final String METHOD = "method";
    public static final String MONTHS_AHEAD = "monthsAhead";
    public static final String OBJECT_ID = "objectId";
    public static final String OBJECT_KIND = "objectKind";
    public static final String PATH = "path";
    public static final String PID = "pid";
    public static final String PORT = "port";
    public static final String PROBLEM_TYPE = "problemType";
    public static final String REPLICA = "replica";
    public static final String REQUEST_ID = "requestId";
    public static final String REASON = "reason";
    public static final String REVISION = "revision";
    public static final String ROLE = "role";
    public static final String RUN = "run";
    public static final String STEP = "step";
    public static final String SERVICE = "service";
    public static final String SOURCE_ADDRESS = "sourceAddress";
    public static final String STATUS = "status";
    public static final String SUPERUSER = "superuser";
    public static final String TENANT = "tenant";
    public static final String TENANT_ID = "tenantId";
    public static final String USER = "user";

    private LogKeys() {}
}
