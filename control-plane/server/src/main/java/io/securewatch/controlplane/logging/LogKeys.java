package io.securewatch.controlplane.logging;

/** Field names used in log lines, one list so that the same thing has the same name everywhere. */
public final class LogKeys {

    public static final String ACTION = "action";
    public static final String ACTOR = "actor";
    public static final String COUNT = "count";
    public static final String DATA_DIRECTORY = "dataDirectory";
    public static final String FILE = "file";
    public static final String METHOD = "method";
    public static final String MONTHS_AHEAD = "monthsAhead";
    public static final String OBJECT_ID = "objectId";
    public static final String OBJECT_KIND = "objectKind";
    public static final String PATH = "path";
    public static final String PID = "pid";
    public static final String PORT = "port";
    public static final String PROBLEM_TYPE = "problemType";
    public static final String REQUEST_ID = "requestId";
    public static final String STATUS = "status";
    public static final String TENANT = "tenant";
    public static final String USER = "user";

    private LogKeys() {}
}
