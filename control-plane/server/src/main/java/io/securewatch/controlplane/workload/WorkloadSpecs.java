package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.controlplane.web.FieldPaths;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the Deployment and Service specs of a workload: the fields the platform relies on, the types and
 * ranges Kubernetes would reject, and unknown fields at the levels where a typo would otherwise be lost. Fields
 * it does not look into are kept as sent. Pure code: no I/O.
 */
final class WorkloadSpecs {

    private static final Set<String> DEPLOYMENT_SPEC_FIELDS = Set.of(
            "replicas",
            "selector",
            "template",
            "strategy",
            "minReadySeconds",
            "revisionHistoryLimit",
            "paused",
            "progressDeadlineSeconds");
    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("metadata", "spec");
    private static final Set<String> TEMPLATE_METADATA_FIELDS = Set.of("labels", "annotations");
    private static final Set<String> POD_SPEC_FIELDS = Set.of(
            "activeDeadlineSeconds",
            "affinity",
            "automountServiceAccountToken",
            "containers",
            "dnsConfig",
            "dnsPolicy",
            "enableServiceLinks",
            "ephemeralContainers",
            "hostAliases",
            "hostIPC",
            "hostNetwork",
            "hostPID",
            "hostUsers",
            "hostname",
            "imagePullSecrets",
            "initContainers",
            "nodeName",
            "nodeSelector",
            "os",
            "overhead",
            "preemptionPolicy",
            "priority",
            "priorityClassName",
            "readinessGates",
            "resourceClaims",
            "resources",
            "restartPolicy",
            "runtimeClassName",
            "schedulerName",
            "schedulingGates",
            "securityContext",
            "serviceAccountName",
            "setHostnameAsFQDN",
            "shareProcessNamespace",
            "subdomain",
            "terminationGracePeriodSeconds",
            "tolerations",
            "topologySpreadConstraints",
            "volumes");
    private static final Set<String> CONTAINER_FIELDS = Set.of(
            "args",
            "command",
            "env",
            "envFrom",
            "image",
            "imagePullPolicy",
            "lifecycle",
            "livenessProbe",
            "name",
            "ports",
            "readinessProbe",
            "resizePolicy",
            "resources",
            "restartPolicy",
            "securityContext",
            "startupProbe",
            "stdin",
            "stdinOnce",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "tty",
            "volumeDevices",
            "volumeMounts",
            "workingDir");
    private static final Set<String> ENV_FIELDS = Set.of("name", "value", "valueFrom");
    private static final Set<String> VALUE_FROM_FIELDS =
            Set.of("configMapKeyRef", "secretKeyRef", "fieldRef", "resourceFieldRef");
    private static final Set<String> KEY_REF_FIELDS = Set.of("name", "key", "optional");
    private static final Set<String> FIELD_REF_FIELDS = Set.of("apiVersion", "fieldPath");
    private static final Set<String> RESOURCE_FIELD_REF_FIELDS = Set.of("containerName", "resource", "divisor");
    private static final Set<String> ENV_FROM_FIELDS = Set.of("configMapRef", "secretRef", "prefix");
    private static final Set<String> SOURCE_REF_FIELDS = Set.of("name", "optional");
    private static final Set<String> PORT_FIELDS = Set.of("containerPort", "name", "protocol", "hostPort", "hostIP");
    private static final Set<String> RESOURCES_FIELDS = Set.of("requests", "limits", "claims");
    private static final Set<String> PROBE_FIELDS = Set.of(
            "httpGet",
            "tcpSocket",
            "exec",
            "grpc",
            "initialDelaySeconds",
            "periodSeconds",
            "timeoutSeconds",
            "successThreshold",
            "failureThreshold",
            "terminationGracePeriodSeconds");
    private static final Set<String> PROBE_HANDLERS = Set.of("httpGet", "tcpSocket", "exec", "grpc");
    private static final Set<String> SERVICE_SPEC_FIELDS = Set.of(
            "selector",
            "ports",
            "type",
            "clusterIP",
            "sessionAffinity",
            "sessionAffinityConfig",
            "externalTrafficPolicy",
            "internalTrafficPolicy",
            "ipFamilyPolicy",
            "ipFamilies",
            "publishNotReadyAddresses",
            "loadBalancerClass",
            "loadBalancerSourceRanges",
            "allocateLoadBalancerNodePorts",
            "trafficDistribution");
    private static final Set<String> SERVICE_PORT_FIELDS =
            Set.of("name", "port", "targetPort", "protocol", "nodePort", "appProtocol");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Set<String> SERVICE_TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer");
    private static final Set<String> SELECTOR_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");
    private static final Pattern PERCENT = Pattern.compile("^[0-9]{1,3}%$");
    private static final long MAX_SECONDS = 86_400L * 365;
    private static final long MAX_PORT = 65_535;

    private WorkloadSpecs() {}

    /**
     * Facts the checks found about a Deployment, for the checks of its Service and scaling policy.
     *
     * @param podLabels labels of the pod template
     * @param portNames names of the containers' ports, which a Service may target by name
     * @param cpuRequested whether every container requests CPU, which a CPU utilization target needs
     * @param memoryRequested whether every container requests memory, which a memory utilization target needs
     * @param configMaps ConfigMaps the pods reference
     * @param secrets Secrets the pods reference
     */
    record DeploymentFacts(
            Map<String, String> podLabels,
            Set<String> portNames,
            boolean cpuRequested,
            boolean memoryRequested,
            Set<String> configMaps,
            Set<String> secrets) {}

    /**
     * Checks a DeploymentSpec.
     *
     * @param path field path of the spec, prefixed to every error
     */
    static DeploymentFacts checkDeployment(Map<String, Object> spec, String path, SpecErrors errors) {
        errors.onlyKnown(spec, DEPLOYMENT_SPEC_FIELDS, path);
        errors.wholeNumber(spec, "replicas", path + ".replicas", 0, ScalingPolicyRequest.MAX_REPLICAS);
        errors.wholeNumber(spec, "minReadySeconds", path + ".minReadySeconds", 0, MAX_SECONDS);
        errors.wholeNumber(spec, "revisionHistoryLimit", path + ".revisionHistoryLimit", 0, 1000);
        errors.wholeNumber(spec, "progressDeadlineSeconds", path + ".progressDeadlineSeconds", 1, MAX_SECONDS);
        errors.bool(spec, "paused", path + ".paused");
        Map<String, String> matchLabels = checkSelector(spec, path + ".selector", errors);
        checkStrategy(spec, path + ".strategy", errors);

        Facts facts = new Facts();
        Map<String, Object> template = errors.object(spec, "template", path + ".template");
        if (template == null) {
            if (!spec.containsKey("template")) {
                errors.add(path + ".template", "is required: the pod template with its containers");
            }
            return facts.toRecord();
        }
        errors.onlyKnown(template, TEMPLATE_FIELDS, path + ".template");
        Map<String, Object> metadata = errors.object(template, "metadata", path + ".template.metadata");
        if (metadata != null) {
            errors.onlyKnown(metadata, TEMPLATE_METADATA_FIELDS, path + ".template.metadata");
            errors.labels(metadata.get("labels"), path + ".template.metadata.labels");
            checkAnnotations(metadata.get("annotations"), path + ".template.metadata.annotations", errors);
            if (metadata.get("labels") instanceof Map<?, ?> labels) {
                labels.forEach((key, value) -> facts.podLabels.put(String.valueOf(key), String.valueOf(value)));
            }
        }
        if (matchLabels != null) {
            matchLabels.forEach((key, value) -> {
                if (!value.equals(facts.podLabels.get(key))) {
                    errors.add(
                            path + ".template.metadata.labels",
                            "must include the selector's label " + FieldPaths.printable(key) + "="
                                    + FieldPaths.printable(value) + ", or the Deployment selects none of its pods");
                }
            });
        }
        Map<String, Object> podSpec = errors.object(template, "spec", path + ".template.spec");
        if (podSpec == null) {
            if (!template.containsKey("spec")) {
                errors.add(path + ".template.spec", "is required: the pod spec with its containers");
            }
            return facts.toRecord();
        }
        checkPodSpec(podSpec, path + ".template.spec", errors, facts);
        return facts.toRecord();
    }

    /**
     * Checks a ServiceSpec against the pods of its workload.
     *
     * @param deployment what the checks of the workload's Deployment found
     */
    static void checkService(Map<String, Object> spec, String path, DeploymentFacts deployment, SpecErrors errors) {
        errors.onlyKnown(spec, SERVICE_SPEC_FIELDS, path);
        String type = errors.string(spec, "type", path + ".type");
        if (type != null && !SERVICE_TYPES.contains(type)) {
            errors.add(
                    path + ".type",
                    "must be ClusterIP, NodePort or LoadBalancer; an ExternalName Service has no pods to run");
        }
        String clusterIp = errors.string(spec, "clusterIP", path + ".clusterIP");
        if (clusterIp != null && !clusterIp.equals("None")) {
            errors.add(
                    path + ".clusterIP",
                    "must be absent, or None for a headless Service: each cluster assigns its own address");
        }
        Map<String, Object> selector = errors.object(spec, "selector", path + ".selector");
        if (selector == null || selector.isEmpty()) {
            if (!spec.containsKey("selector") || selector != null) {
                errors.add(path + ".selector", "is required: the labels of the workload's pods");
            }
        } else {
            errors.labels(selector, path + ".selector");
            selector.forEach((key, value) -> {
                if (!String.valueOf(value).equals(deployment.podLabels().get(key))) {
                    errors.add(
                            path + ".selector[" + FieldPaths.printable(key) + "]",
                            "selects no pod of the workload: its pod template has no label " + FieldPaths.printable(key)
                                    + "=" + FieldPaths.printable(String.valueOf(value)));
                }
            });
        }
        List<Object> ports = errors.list(spec, "ports", path + ".ports");
        if (ports == null || ports.isEmpty()) {
            if (!spec.containsKey("ports") || ports != null) {
                errors.add(path + ".ports", "must list at least one port");
            }
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String portPath = path + ".ports[" + i + "]";
            if (!(ports.get(i) instanceof Map<?, ?>)) {
                errors.add(portPath, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> port = (Map<String, Object>) ports.get(i);
            errors.onlyKnown(port, SERVICE_PORT_FIELDS, portPath);
            Long number = errors.wholeNumber(port, "port", portPath + ".port", 1, MAX_PORT);
            if (number == null && !port.containsKey("port")) {
                errors.add(portPath + ".port", "is required");
            }
            String name = errors.string(port, "name", portPath + ".name");
            if (name != null && (!KubernetesNames.isDnsLabel(name) || !names.add(name))) {
                errors.add(portPath + ".name", "must be a DNS label, unique among the Service's ports");
            } else if (name == null && ports.size() > 1) {
                errors.add(portPath + ".name", "is required when the Service has more than one port");
            }
            checkProtocol(port, portPath, errors);
            checkTargetPort(port.get("targetPort"), portPath + ".targetPort", deployment.portNames(), errors);
            if (port.containsKey("nodePort")) {
                errors.wholeNumber(port, "nodePort", portPath + ".nodePort", 1, MAX_PORT);
                if (type == null || type.equals("ClusterIP")) {
                    errors.add(portPath + ".nodePort", "is allowed only for a NodePort or LoadBalancer Service");
                }
            }
        }
    }

    private static void checkAnnotations(Object value, String path, SpecErrors errors) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(path, "must be an object of annotation keys to string values");
            return;
        }
        map.forEach((key, text) -> {
            String entryPath = path + "[" + FieldPaths.printable(String.valueOf(key)) + "]";
            if (!KubernetesNames.isLabelKey(String.valueOf(key))) {
                errors.add(entryPath, "must be an annotation key, which has the format of a label key");
            } else if (!(text instanceof String)) {
                errors.add(entryPath, "must be a string; quote numbers and booleans");
            }
        });
    }

    private static Map<String, String> checkSelector(Map<String, Object> spec, String path, SpecErrors errors) {
        Map<String, Object> selector = errors.object(spec, "selector", path);
        if (selector == null) {
            if (!spec.containsKey("selector")) {
                errors.add(path, "is required: matchLabels that select the pod template's labels");
            }
            return null;
        }
        errors.onlyKnown(selector, SELECTOR_FIELDS, path);
        Map<String, String> matchLabels = new LinkedHashMap<>();
        Object labels = selector.get("matchLabels");
        errors.labels(labels, path + ".matchLabels");
        if (labels instanceof Map<?, ?> map) {
            map.forEach((key, value) -> matchLabels.put(String.valueOf(key), String.valueOf(value)));
        }
        List<Object> expressions = errors.list(selector, "matchExpressions", path + ".matchExpressions");
        if (expressions != null) {
            for (int i = 0; i < expressions.size(); i++) {
                String expressionPath = path + ".matchExpressions[" + i + "]";
                if (!(expressions.get(i) instanceof Map<?, ?>)) {
                    errors.add(expressionPath, "must be an object");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> expression = (Map<String, Object>) expressions.get(i);
                String operator = errors.string(expression, "operator", expressionPath + ".operator");
                if (operator == null || !SELECTOR_OPERATORS.contains(operator)) {
                    errors.add(expressionPath + ".operator", "must be In, NotIn, Exists or DoesNotExist");
                }
                String key = errors.string(expression, "key", expressionPath + ".key");
                if (!KubernetesNames.isLabelKey(key)) {
                    errors.add(expressionPath + ".key", KubernetesNames.LABEL_KEY_MESSAGE);
                }
            }
        }
        if (matchLabels.isEmpty() && (expressions == null || expressions.isEmpty())) {
            errors.add(path, "must have matchLabels or matchExpressions; an empty selector would select every pod");
        }
        return matchLabels;
    }

    private static void checkStrategy(Map<String, Object> spec, String path, SpecErrors errors) {
        Map<String, Object> strategy = errors.object(spec, "strategy", path);
        if (strategy == null) {
            return;
        }
        errors.onlyKnown(strategy, Set.of("type", "rollingUpdate"), path);
        String type = errors.string(strategy, "type", path + ".type");
        if (type != null && !type.equals("RollingUpdate") && !type.equals("Recreate")) {
            errors.add(path + ".type", "must be RollingUpdate or Recreate");
        }
        Map<String, Object> rolling = errors.object(strategy, "rollingUpdate", path + ".rollingUpdate");
        if (rolling == null) {
            return;
        }
        if ("Recreate".equals(type)) {
            errors.add(path + ".rollingUpdate", "is allowed only with type RollingUpdate");
        }
        errors.onlyKnown(rolling, Set.of("maxSurge", "maxUnavailable"), path + ".rollingUpdate");
        boolean surgeZero = isZeroOrInvalid(rolling.get("maxSurge"), path + ".rollingUpdate.maxSurge", errors);
        boolean unavailableZero =
                isZeroOrInvalid(rolling.get("maxUnavailable"), path + ".rollingUpdate.maxUnavailable", errors);
        if (surgeZero && unavailableZero && rolling.containsKey("maxSurge") && rolling.containsKey("maxUnavailable")) {
            errors.add(
                    path + ".rollingUpdate",
                    "maxSurge and maxUnavailable must not both be 0, or a rollout could never make progress");
        }
    }

    /** Checks a count or percentage such as maxSurge, and returns whether it is zero. */
    private static boolean isZeroOrInvalid(Object value, String path, SpecErrors errors) {
        if (value == null) {
            return false;
        }
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number < 0) {
                errors.add(path, "must be a whole number of at least 0 or a percentage such as 25%");
            }
            return number == 0;
        }
        if (value instanceof String text && PERCENT.matcher(text).matches()) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            if (percent > 100) {
                errors.add(path, "must be a percentage from 0% to 100%");
            }
            return percent == 0;
        }
        errors.add(path, "must be a whole number of at least 0 or a percentage such as 25%");
        return false;
    }

    private static void checkPodSpec(Map<String, Object> podSpec, String path, SpecErrors errors, Facts facts) {
        errors.onlyKnown(podSpec, POD_SPEC_FIELDS, path);
        errors.wholeNumber(
                podSpec, "terminationGracePeriodSeconds", path + ".terminationGracePeriodSeconds", 0, MAX_SECONDS);
        Set<String> volumes = checkVolumes(podSpec, path + ".volumes", errors, facts);
        List<Object> containers = errors.list(podSpec, "containers", path + ".containers");
        if (containers == null || containers.isEmpty()) {
            if (!podSpec.containsKey("containers") || containers != null) {
                errors.add(path + ".containers", "must list at least one container");
            }
            facts.cpuRequested = false;
            facts.memoryRequested = false;
        }
        Set<String> names = new HashSet<>();
        if (containers != null) {
            for (int i = 0; i < containers.size(); i++) {
                checkContainer(containers.get(i), path + ".containers[" + i + "]", names, volumes, errors, facts, true);
            }
        }
        List<Object> initContainers = errors.list(podSpec, "initContainers", path + ".initContainers");
        if (initContainers != null) {
            for (int i = 0; i < initContainers.size(); i++) {
                checkContainer(
                        initContainers.get(i),
                        path + ".initContainers[" + i + "]",
                        names,
                        volumes,
                        errors,
                        facts,
                        false);
            }
        }
    }

    private static Set<String> checkVolumes(Map<String, Object> podSpec, String path, SpecErrors errors, Facts facts) {
        Set<String> names = new HashSet<>();
        List<Object> volumes = errors.list(podSpec, "volumes", path);
        if (volumes == null) {
            return names;
        }
        for (int i = 0; i < volumes.size(); i++) {
            String volumePath = path + "[" + i + "]";
            if (!(volumes.get(i) instanceof Map<?, ?>)) {
                errors.add(volumePath, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> volume = (Map<String, Object>) volumes.get(i);
            String name = errors.string(volume, "name", volumePath + ".name");
            if (!KubernetesNames.isDnsLabel(name) || !names.add(name)) {
                errors.add(volumePath + ".name", "must be a DNS label, unique among the pod's volumes");
            }
            Map<String, Object> configMap = errors.object(volume, "configMap", volumePath + ".configMap");
            if (configMap != null) {
                reference(configMap, "name", volumePath + ".configMap.name", facts.configMaps, errors);
            }
            Map<String, Object> secret = errors.object(volume, "secret", volumePath + ".secret");
            if (secret != null) {
                reference(secret, "secretName", volumePath + ".secret.secretName", facts.secrets, errors);
            }
            Map<String, Object> projected = errors.object(volume, "projected", volumePath + ".projected");
            List<Object> sources =
                    projected == null ? null : errors.list(projected, "sources", volumePath + ".projected.sources");
            if (sources != null) {
                for (int j = 0; j < sources.size(); j++) {
                    if (sources.get(j) instanceof Map<?, ?> source) {
                        String sourcePath = volumePath + ".projected.sources[" + j + "]";
                        if (source.get("configMap") instanceof Map<?, ?> ref) {
                            reference(cast(ref), "name", sourcePath + ".configMap.name", facts.configMaps, errors);
                        }
                        if (source.get("secret") instanceof Map<?, ?> ref) {
                            reference(cast(ref), "name", sourcePath + ".secret.name", facts.secrets, errors);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void checkContainer(
            Object value,
            String path,
            Set<String> names,
            Set<String> volumes,
            SpecErrors errors,
            Facts facts,
            boolean main) {
        if (!(value instanceof Map<?, ?>)) {
            errors.add(path, "must be an object");
            return;
        }
        Map<String, Object> container = cast((Map<?, ?>) value);
        errors.onlyKnown(container, CONTAINER_FIELDS, path);
        String name = errors.string(container, "name", path + ".name");
        if (!KubernetesNames.isDnsLabel(name)) {
            errors.add(path + ".name", KubernetesNames.DNS_LABEL_MESSAGE);
        } else if (!names.add(name)) {
            errors.add(path + ".name", "must be unique among the pod's containers; '" + name + "' is used twice");
        }
        String image = errors.string(container, "image", path + ".image");
        if (image == null || image.isBlank()) {
            errors.add(path + ".image", "is required: the container image, such as registry.example.com/app:1.4.2");
        }
        checkContainerPorts(container, path + ".ports", errors, facts);
        checkResources(container, path + ".resources", errors, facts, main);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            checkProbe(container, probe, path + "." + probe, facts, errors);
        }
        checkEnv(container, path, errors, facts);
        List<Object> mounts = errors.list(container, "volumeMounts", path + ".volumeMounts");
        if (mounts != null) {
            for (int i = 0; i < mounts.size(); i++) {
                String mountPath = path + ".volumeMounts[" + i + "]";
                if (!(mounts.get(i) instanceof Map<?, ?> mount)) {
                    errors.add(mountPath, "must be an object");
                    continue;
                }
                Object volume = mount.get("name");
                if (!(volume instanceof String volumeName) || !volumes.contains(volumeName)) {
                    errors.add(mountPath + ".name", "must name a volume of the pod");
                }
                if (!(mount.get("mountPath") instanceof String where) || !where.startsWith("/")) {
                    errors.add(mountPath + ".mountPath", "is required: an absolute path such as /app/config");
                }
            }
        }
    }

    private static void checkContainerPorts(
            Map<String, Object> container, String path, SpecErrors errors, Facts facts) {
        List<Object> ports = errors.list(container, "ports", path);
        if (ports == null) {
            return;
        }
        for (int i = 0; i < ports.size(); i++) {
            String portPath = path + "[" + i + "]";
            if (!(ports.get(i) instanceof Map<?, ?>)) {
                errors.add(portPath, "must be an object");
                continue;
            }
            Map<String, Object> port = cast((Map<?, ?>) ports.get(i));
            errors.onlyKnown(port, PORT_FIELDS, portPath);
            Long number = errors.wholeNumber(port, "containerPort", portPath + ".containerPort", 1, MAX_PORT);
            if (number == null && !port.containsKey("containerPort")) {
                errors.add(portPath + ".containerPort", "is required");
            }
            String name = errors.string(port, "name", portPath + ".name");
            if (name != null) {
                if (!KubernetesNames.isPortName(name)) {
                    errors.add(portPath + ".name", KubernetesNames.PORT_NAME_MESSAGE);
                } else if (!facts.portNames.add(name)) {
                    errors.add(
                            portPath + ".name", "must be unique among the pod's ports; '" + name + "' is used twice");
                }
            }
            checkProtocol(port, portPath, errors);
        }
    }

    private static void checkProtocol(Map<String, Object> port, String path, SpecErrors errors) {
        String protocol = errors.string(port, "protocol", path + ".protocol");
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            errors.add(path + ".protocol", "must be TCP, UDP or SCTP");
        }
    }

    private static void checkTargetPort(Object value, String path, Set<String> portNames, SpecErrors errors) {
        if (value == null) {
            return;
        }
        if (value instanceof Integer || value instanceof Long) {
            long number = ((Number) value).longValue();
            if (number < 1 || number > MAX_PORT) {
                errors.add(path, "must be a port number from 1 to 65535 or the name of a container port");
            }
        } else if (value instanceof String name) {
            if (!portNames.contains(name)) {
                errors.add(path, "names no container port of the workload; name a port in the pod template");
            }
        } else {
            errors.add(path, "must be a port number from 1 to 65535 or the name of a container port");
        }
    }

    private static void checkResources(
            Map<String, Object> container, String path, SpecErrors errors, Facts facts, boolean main) {
        Map<String, Object> resources = errors.object(container, "resources", path);
        Map<String, BigDecimal> requests = new LinkedHashMap<>();
        Map<String, BigDecimal> limits = new LinkedHashMap<>();
        if (resources != null) {
            errors.onlyKnown(resources, RESOURCES_FIELDS, path);
            quantities(resources, "requests", path + ".requests", requests, errors);
            quantities(resources, "limits", path + ".limits", limits, errors);
        }
        requests.forEach((resource, request) -> {
            BigDecimal limit = limits.get(resource);
            if (limit != null && request.compareTo(limit) > 0) {
                errors.add(
                        path + ".requests." + FieldPaths.printable(resource),
                        "must not exceed the limit of " + FieldPaths.printable(resource));
            }
        });
        if (main) {
            // Kubernetes uses the limit as the request when only a limit is given.
            facts.cpuRequested &= requests.containsKey("cpu") || limits.containsKey("cpu");
            facts.memoryRequested &= requests.containsKey("memory") || limits.containsKey("memory");
        }
    }

    private static void quantities(
            Map<String, Object> resources,
            String field,
            String path,
            Map<String, BigDecimal> parsed,
            SpecErrors errors) {
        Map<String, Object> amounts = errors.object(resources, field, path);
        if (amounts == null) {
            return;
        }
        amounts.forEach((resource, amount) -> {
            String amountPath = path + "." + FieldPaths.printable(resource);
            var quantity = Quantity.parse(amount);
            if (quantity.isEmpty()) {
                errors.add(amountPath, "must be a quantity such as 500m, 2, 512Mi or 1Gi");
            } else if (quantity.get().signum() < 0) {
                errors.add(amountPath, "must not be negative");
            } else {
                parsed.put(resource, quantity.get());
            }
        });
    }

    private static void checkProbe(
            Map<String, Object> container, String field, String path, Facts facts, SpecErrors errors) {
        Map<String, Object> probe = errors.object(container, field, path);
        if (probe == null) {
            return;
        }
        errors.onlyKnown(probe, PROBE_FIELDS, path);
        long handlers = probe.keySet().stream().filter(PROBE_HANDLERS::contains).count();
        if (handlers != 1) {
            errors.add(path, "must have exactly one of httpGet, tcpSocket, exec or grpc");
        }
        errors.wholeNumber(probe, "initialDelaySeconds", path + ".initialDelaySeconds", 0, MAX_SECONDS);
        errors.wholeNumber(probe, "periodSeconds", path + ".periodSeconds", 1, MAX_SECONDS);
        errors.wholeNumber(probe, "timeoutSeconds", path + ".timeoutSeconds", 1, MAX_SECONDS);
        errors.wholeNumber(probe, "successThreshold", path + ".successThreshold", 1, 1000);
        errors.wholeNumber(probe, "failureThreshold", path + ".failureThreshold", 1, 1000);
        Map<String, Object> httpGet = errors.object(probe, "httpGet", path + ".httpGet");
        if (httpGet != null) {
            String where = errors.string(httpGet, "path", path + ".httpGet.path");
            if (where != null && !where.startsWith("/")) {
                errors.add(path + ".httpGet.path", "must start with /");
            }
            String scheme = errors.string(httpGet, "scheme", path + ".httpGet.scheme");
            if (scheme != null && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
                errors.add(path + ".httpGet.scheme", "must be HTTP or HTTPS");
            }
            probePort(httpGet.get("port"), path + ".httpGet.port", facts, errors);
        }
        Map<String, Object> tcpSocket = errors.object(probe, "tcpSocket", path + ".tcpSocket");
        if (tcpSocket != null) {
            probePort(tcpSocket.get("port"), path + ".tcpSocket.port", facts, errors);
        }
    }

    private static void probePort(Object port, String path, Facts facts, SpecErrors errors) {
        if (port == null) {
            errors.add(path, "is required: a port number or the name of a container port");
        } else if (port instanceof String name) {
            if (!facts.portNames.contains(name)) {
                errors.add(path, "names no port of the container; use a number or a declared port name");
            }
        } else if (!(port instanceof Integer || port instanceof Long)
                || ((Number) port).longValue() < 1
                || ((Number) port).longValue() > MAX_PORT) {
            errors.add(path, "must be a port number from 1 to 65535 or the name of a container port");
        }
    }

    private static void checkEnv(Map<String, Object> container, String path, SpecErrors errors, Facts facts) {
        List<Object> env = errors.list(container, "env", path + ".env");
        if (env != null) {
            for (int i = 0; i < env.size(); i++) {
                String envPath = path + ".env[" + i + "]";
                if (!(env.get(i) instanceof Map<?, ?>)) {
                    errors.add(envPath, "must be an object");
                    continue;
                }
                Map<String, Object> variable = cast((Map<?, ?>) env.get(i));
                errors.onlyKnown(variable, ENV_FIELDS, envPath);
                String name = errors.string(variable, "name", envPath + ".name");
                if (name == null || name.isEmpty()) {
                    errors.add(envPath + ".name", "is required");
                }
                errors.string(variable, "value", envPath + ".value");
                Map<String, Object> from = errors.object(variable, "valueFrom", envPath + ".valueFrom");
                if (from == null) {
                    continue;
                }
                if (variable.containsKey("value")) {
                    errors.add(envPath, "must have value or valueFrom, not both");
                }
                checkValueFrom(from, envPath + ".valueFrom", errors, facts);
            }
        }
        List<Object> envFrom = errors.list(container, "envFrom", path + ".envFrom");
        if (envFrom != null) {
            for (int i = 0; i < envFrom.size(); i++) {
                String sourcePath = path + ".envFrom[" + i + "]";
                if (!(envFrom.get(i) instanceof Map<?, ?> source)) {
                    errors.add(sourcePath, "must be an object");
                    continue;
                }
                errors.onlyKnown(cast(source), ENV_FROM_FIELDS, sourcePath);
                errors.string(cast(source), "prefix", sourcePath + ".prefix");
                Map<String, Object> configMap =
                        errors.object(cast(source), "configMapRef", sourcePath + ".configMapRef");
                if (configMap != null) {
                    errors.onlyKnown(configMap, SOURCE_REF_FIELDS, sourcePath + ".configMapRef");
                    errors.bool(configMap, "optional", sourcePath + ".configMapRef.optional");
                    reference(configMap, "name", sourcePath + ".configMapRef.name", facts.configMaps, errors);
                }
                Map<String, Object> secret = errors.object(cast(source), "secretRef", sourcePath + ".secretRef");
                if (secret != null) {
                    errors.onlyKnown(secret, SOURCE_REF_FIELDS, sourcePath + ".secretRef");
                    errors.bool(secret, "optional", sourcePath + ".secretRef.optional");
                    reference(secret, "name", sourcePath + ".secretRef.name", facts.secrets, errors);
                }
            }
        }
    }

    /** Checks an env variable's valueFrom: one of the sources Kubernetes defines, each with only its own fields. */
    private static void checkValueFrom(Map<String, Object> from, String path, SpecErrors errors, Facts facts) {
        errors.onlyKnown(from, VALUE_FROM_FIELDS, path);
        Map<String, Object> configMap = errors.object(from, "configMapKeyRef", path + ".configMapKeyRef");
        if (configMap != null) {
            keyRef(configMap, path + ".configMapKeyRef", errors);
            reference(configMap, "name", path + ".configMapKeyRef.name", facts.configMaps, errors);
        }
        Map<String, Object> secret = errors.object(from, "secretKeyRef", path + ".secretKeyRef");
        if (secret != null) {
            keyRef(secret, path + ".secretKeyRef", errors);
            reference(secret, "name", path + ".secretKeyRef.name", facts.secrets, errors);
        }
        Map<String, Object> field = errors.object(from, "fieldRef", path + ".fieldRef");
        if (field != null) {
            errors.onlyKnown(field, FIELD_REF_FIELDS, path + ".fieldRef");
            errors.string(field, "apiVersion", path + ".fieldRef.apiVersion");
            if (errors.string(field, "fieldPath", path + ".fieldRef.fieldPath") == null) {
                errors.add(path + ".fieldRef.fieldPath", "is required, such as metadata.name");
            }
        }
        Map<String, Object> resource = errors.object(from, "resourceFieldRef", path + ".resourceFieldRef");
        if (resource != null) {
            errors.onlyKnown(resource, RESOURCE_FIELD_REF_FIELDS, path + ".resourceFieldRef");
            errors.string(resource, "containerName", path + ".resourceFieldRef.containerName");
            if (errors.string(resource, "resource", path + ".resourceFieldRef.resource") == null) {
                errors.add(path + ".resourceFieldRef.resource", "is required, such as limits.memory");
            }
            Object divisor = resource.get("divisor");
            if (divisor instanceof Map<?, ?> || divisor instanceof List<?> || divisor instanceof Boolean) {
                errors.add(path + ".resourceFieldRef.divisor", "must be a quantity, such as 1Mi or 1");
            }
        }
    }

    /** Checks the fields of a configMapKeyRef or secretKeyRef other than the name. */
    private static void keyRef(Map<String, Object> ref, String path, SpecErrors errors) {
        errors.onlyKnown(ref, KEY_REF_FIELDS, path);
        if (errors.string(ref, "key", path + ".key") == null) {
            errors.add(path + ".key", "is required: the key in the object whose value the variable takes");
        }
        errors.bool(ref, "optional", path + ".optional");
    }

    /** Records the name of a referenced ConfigMap or Secret, which must be a DNS subdomain. */
    private static void reference(
            Map<String, Object> ref, String field, String path, Set<String> names, SpecErrors errors) {
        String name = errors.string(ref, field, path);
        if (name == null || name.isEmpty() || name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            errors.add(path, "is required: the name of an object in the workload's namespace");
        } else {
            names.add(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** Facts gathered while checking, before they are frozen into {@link DeploymentFacts}. */
    private static final class Facts {
        final Map<String, String> podLabels = new LinkedHashMap<>();
        final Set<String> portNames = new HashSet<>();
        final Set<String> configMaps = new TreeSet<>();
        final Set<String> secrets = new TreeSet<>();
        boolean cpuRequested = true;
        boolean memoryRequested = true;

        DeploymentFacts toRecord() {
            return new DeploymentFacts(
                    Map.copyOf(podLabels),
                    Set.copyOf(portNames),
                    cpuRequested,
                    memoryRequested,
                    Set.copyOf(configMaps),
                    Set.copyOf(secrets));
        }
    }
}
