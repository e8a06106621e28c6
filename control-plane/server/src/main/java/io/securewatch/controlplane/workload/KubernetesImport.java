package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ImportResult.UnhandledObject;
import io.securewatch.api.v1.KubernetesService;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.ScalingBehavior;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingRules;
import io.securewatch.api.v1.WorkloadRequest;
import io.securewatch.controlplane.web.FieldPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns Kubernetes manifests into workload and scaling policy requests. Pure code: it reads the parsed documents
 * and the import's owner and regions, never the database.
 *
 * <p>Each apps/v1 Deployment becomes a workload. A v1 Service joins the workload whose pod template its selector
 * matches, in the same namespace. A HorizontalPodAutoscaler (autoscaling/v2, or autoscaling/v1 converted) becomes
 * the scaling policy of the Deployment it targets. ConfigMaps, Secrets and every other kind are listed as
 * unhandled with the reason, never dropped in silence. Errors are named {@code documents[i].<path>}, where
 * {@code i} counts documents from 0 in the order of the stream.
 */
final class KubernetesImport {

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> METADATA_FIELDS = Set.of(
            "name",
            "namespace",
            "labels",
            "annotations",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "managedFields",
            "selfLink",
            "finalizers",
            "ownerReferences");
    private static final Set<String> HPA_V2_FIELDS =
            Set.of("scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior");
    private static final Set<String> HPA_V1_FIELDS =
            Set.of("scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage");
    private static final Set<String> TARGET_REF_FIELDS = Set.of("apiVersion", "kind", "name");
    private static final Set<String> RULES_FIELDS = Set.of("stabilizationWindowSeconds", "selectPolicy", "policies");
    private static final Set<String> RULE_POLICY_FIELDS = Set.of("type", "value", "periodSeconds");
    private static final Pattern API_VERSION = Pattern.compile(
            "^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$");
    private static final Pattern KIND = Pattern.compile("^[A-Z][A-Za-z0-9]{0,62}$");

    /** The apiVersions this import reads, by kind. */
    private static final Map<String, Set<String>> SUPPORTED = Map.of(
            "Deployment", Set.of("apps/v1"),
            "Service", Set.of("v1"),
            "HorizontalPodAutoscaler", Set.of("autoscaling/v2", "autoscaling/v1"),
            "ConfigMap", Set.of("v1"),
            "Secret", Set.of("v1"));

    /** Kubernetes' default CPU target for an autoscaler without metrics. */
    static final int DEFAULT_CPU_TARGET = 80;

    /**
     * The owner and the regions of the imported workloads.
     *
     * @param tenant the owner's slug, or null for platform workloads
     * @param regions the regions every imported workload runs in
     */
    record Context(String tenant, List<String> regions) {

        String defaultNamespace() {
            return tenant == null ? WorkloadService.PLATFORM_NAMESPACE : "tenant-" + tenant;
        }
    }

    /**
     * A workload to create.
     *
     * @param document index of its Deployment
     * @param policy null when no autoscaler targets the Deployment
     * @param policyDocument index of the autoscaler, or -1
     */
    record PlannedWorkload(int document, WorkloadRequest request, ScalingPolicyRequest policy, int policyDocument) {}

    /** The outcome of planning an import; {@code errors} is empty when the import can go ahead. */
    record Plan(
            List<PlannedWorkload> workloads,
            List<UnhandledObject> unhandled,
            List<FieldError> warnings,
            List<FieldError> errors) {}

    private KubernetesImport() {}

    static Plan plan(List<ManifestYaml.Document> documents, Context context) {
        SpecErrors errors = new SpecErrors();
        List<FieldError> warnings = new ArrayList<>();
        List<UnhandledObject> unhandled = new ArrayList<>();
        List<Parsed> deployments = new ArrayList<>();
        List<Parsed> services = new ArrayList<>();
        List<Parsed> autoscalers = new ArrayList<>();
        List<Parsed> references = new ArrayList<>();
        for (ManifestYaml.Document document : documents) {
            String path = "documents[" + document.index() + "]";
            if (document.failed()) {
                errors.add(document.errorPath().isEmpty() ? path : path + "." + document.errorPath(), document.error());
                continue;
            }
            Parsed parsed = header(document, path, context, errors, warnings);
            if (parsed == null) {
                continue;
            }
            Set<String> versions = SUPPORTED.get(parsed.kind());
            if (versions == null && parsed.kind().equals("List")) {
                unhandled.add(parsed.unhandled("a List is not unpacked; put each of its items in a document of its"
                        + " own, separated by ---, as kubectl get -o yaml does for single objects"));
                continue;
            }
            if (versions == null) {
                unhandled.add(parsed.unhandled(
                        "kind " + parsed.kind() + " is not imported: only Deployments, their Services and"
                                + " HorizontalPodAutoscalers become workloads; apply it to the clusters yourself"));
                continue;
            }
            if (!versions.contains(parsed.apiVersion())) {
                errors.add(
                        path + ".apiVersion",
                        "must be " + String.join(" or ", new java.util.TreeSet<>(versions)) + " for a " + parsed.kind()
                                + "; convert the manifest to a version the import reads");
                continue;
            }
            switch (parsed.kind()) {
                case "Deployment" -> deployments.add(parsed);
                case "Service" -> services.add(parsed);
                case "HorizontalPodAutoscaler" -> autoscalers.add(parsed);
                default -> references.add(parsed);
            }
        }

        Map<String, Candidate> byName = new LinkedHashMap<>();
        for (Parsed deployment : deployments) {
            if (deployment.name() == null) {
                continue;
            }
            Candidate earlier = byName.get(deployment.name());
            if (earlier != null) {
                errors.add(
                        deployment.path() + ".metadata.name",
                        "names Deployment " + deployment.name() + " again (documents[" + earlier.deployment.index()
                                + "] has it); workload names are unique, so rename one");
                continue;
            }
            Map<String, Object> spec = spec(deployment, errors);
            if (spec == null) {
                continue;
            }
            WorkloadSpecs.DeploymentFacts facts =
                    WorkloadSpecs.checkDeployment(spec, deployment.path() + ".spec", errors);
            byName.put(deployment.name(), new Candidate(deployment, spec, facts));
        }
        attachServices(services, byName, unhandled, warnings, errors);
        attachAutoscalers(autoscalers, byName, errors);
        for (Parsed reference : references) {
            unhandled.add(reference.unhandled(referenceReason(reference, byName)));
        }

        List<PlannedWorkload> planned = new ArrayList<>();
        for (Candidate candidate : byName.values()) {
            Parsed deployment = candidate.deployment;
            KubernetesService service = candidate.service == null
                    ? null
                    : new KubernetesService(candidate.service.name(), candidate.serviceSpec);
            WorkloadRequest request = new WorkloadRequest(
                    deployment.name(),
                    context.tenant(),
                    deployment.namespace(),
                    context.regions(),
                    deployment.labels(),
                    candidate.spec,
                    service);
            planned.add(new PlannedWorkload(
                    deployment.index(),
                    request,
                    candidate.policy,
                    candidate.autoscaler == null ? -1 : candidate.autoscaler.index()));
        }
        unhandled.sort(java.util.Comparator.comparingInt(UnhandledObject::document));
        return new Plan(planned, unhandled, warnings, errors.list());
    }

    /** Reads apiVersion, kind and metadata; returns null after reporting a document that has no usable header. */
    private static Parsed header(
            ManifestYaml.Document document,
            String path,
            Context context,
            SpecErrors errors,
            List<FieldError> warnings) {
        if (!(document.value() instanceof Map<?, ?>)) {
            errors.add(
                    path,
                    "must be a Kubernetes object (a map with apiVersion, kind and metadata), not a "
                            + describe(document.value()));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) document.value();
        String apiVersion = errors.string(object, "apiVersion", path + ".apiVersion");
        String kind = errors.string(object, "kind", path + ".kind");
        boolean usable = true;
        if (apiVersion == null) {
            if (!object.containsKey("apiVersion")) {
                errors.add(path + ".apiVersion", "is required, such as apps/v1");
            }
            usable = false;
        } else if (!API_VERSION.matcher(apiVersion).matches()) {
            errors.add(path + ".apiVersion", "must be group/version or version, such as apps/v1 or v1");
            usable = false;
        }
        if (kind == null) {
            if (!object.containsKey("kind")) {
                errors.add(path + ".kind", "is required, such as Deployment");
            }
            usable = false;
        } else if (!KIND.matcher(kind).matches()) {
            errors.add(path + ".kind", "must be a Kubernetes kind in CamelCase, such as Deployment");
            usable = false;
        }
        if (!usable) {
            return null;
        }
        Map<String, Object> metadata = errors.object(object, "metadata", path + ".metadata");
        String name = null;
        String namespace = null;
        Map<String, String> labels = Map.of();
        boolean handled = SUPPORTED.containsKey(kind);
        if (metadata == null) {
            if (handled && !object.containsKey("metadata")) {
                errors.add(path + ".metadata", "is required, with the object's name");
            }
        } else if (handled) {
            if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
                errors.onlyKnown(object, TOP_LEVEL_FIELDS, path);
            }
            errors.onlyKnown(metadata, METADATA_FIELDS, path + ".metadata");
            name = errors.string(metadata, "name", path + ".metadata.name");
            if (name == null && !metadata.containsKey("name")) {
                errors.add(path + ".metadata.name", "is required");
            } else if (name != null && !KubernetesNames.isDnsLabel(name)) {
                errors.add(path + ".metadata.name", KubernetesNames.DNS_LABEL_MESSAGE);
                name = null;
            }
            namespace = errors.string(metadata, "namespace", path + ".metadata.namespace");
            errors.labels(metadata.get("labels"), path + ".metadata.labels");
            if (metadata.get("labels") instanceof Map<?, ?> given) {
                Map<String, String> copy = new TreeMap<>();
                given.forEach((key, value) -> copy.put(String.valueOf(key), String.valueOf(value)));
                labels = copy;
            }
            if (metadata.containsKey("annotations") && kind.equals("Deployment")) {
                warnings.add(new FieldError(
                        path + ".metadata.annotations",
                        "not kept: workloads carry labels but no annotations; pod template annotations are kept"));
            }
        } else {
            name = metadata.get("name") instanceof String text ? text : null;
            namespace = metadata.get("namespace") instanceof String text ? text : null;
        }
        if (handled && namespace != null) {
            checkNamespace(namespace, context, path + ".metadata.namespace", errors);
        }
        String effectiveNamespace = namespace == null ? context.defaultNamespace() : namespace;
        return new Parsed(document.index(), path, apiVersion, kind, name, effectiveNamespace, labels, object);
    }

    private static void checkNamespace(String namespace, Context context, String path, SpecErrors errors) {
        if (context.tenant() != null) {
            if (!namespace.equals(context.defaultNamespace())) {
                errors.add(
                        path,
                        "must be absent or " + context.defaultNamespace()
                                + ": a tenant's workloads run in the tenant's namespace");
            }
        } else if (!KubernetesNames.isDnsLabel(namespace)) {
            errors.add(path, KubernetesNames.DNS_LABEL_MESSAGE);
        } else if (namespace.startsWith("tenant-")) {
            errors.add(
                    path,
                    "must not start with tenant-, which is kept for tenant namespaces; import with ?tenant=<slug>"
                            + " instead");
        } else if (namespace.startsWith("kube-")) {
            errors.add(path, "must not start with kube-, which Kubernetes keeps for itself");
        }
    }

    private static Map<String, Object> spec(Parsed parsed, SpecErrors errors) {
        Map<String, Object> spec = errors.object(parsed.object(), "spec", parsed.path() + ".spec");
        if (spec == null && !parsed.object().containsKey("spec")) {
            errors.add(parsed.path() + ".spec", "is required");
        }
        return spec;
    }

    /** Gives each Deployment the Service whose selector matches its pod template in the same namespace. */
    private static void attachServices(
            List<Parsed> services,
            Map<String, Candidate> byName,
            List<UnhandledObject> unhandled,
            List<FieldError> warnings,
            SpecErrors errors) {
        Map<String, Parsed> serviceNames = new HashMap<>();
        for (Parsed service : services) {
            if (service.name() == null) {
                continue;
            }
            Parsed earlier = serviceNames.putIfAbsent(service.namespace() + "/" + service.name(), service);
            if (earlier != null) {
                errors.add(
                        service.path() + ".metadata.name",
                        "names Service " + service.name() + " again in namespace " + service.namespace()
                                + " (documents[" + earlier.index() + "] has it); rename one");
                continue;
            }
            Map<String, Object> given = spec(service, errors);
            if (given == null) {
                continue;
            }
            Map<String, Object> spec = withoutAllocatedAddresses(given, service.path() + ".spec", warnings);
            if (!(spec.get("selector") instanceof Map<?, ?> selector) || selector.isEmpty()) {
                unhandled.add(service.unhandled(
                        "the Service has no selector, so it fronts no Deployment of this import; apply it yourself"));
                continue;
            }
            List<Candidate> matches = byName.values().stream()
                    .filter(candidate -> candidate.deployment.namespace().equals(service.namespace()))
                    .filter(candidate -> selects(selector, candidate.facts.podLabels()))
                    .toList();
            if (matches.isEmpty()) {
                unhandled.add(service.unhandled("its selector " + selector
                        + " matches the pods of no Deployment of this import in namespace " + service.namespace()));
                continue;
            }
            if (matches.size() > 1) {
                errors.add(
                        service.path() + ".spec.selector",
                        "matches the pods of several Deployments ("
                                + String.join(
                                        ", ",
                                        matches.stream()
                                                .map(c -> c.deployment.name())
                                                .toList())
                                + "); a workload's Service must select only its own pods");
                continue;
            }
            Candidate candidate = matches.get(0);
            if (candidate.service != null) {
                errors.add(
                        service.path(),
                        "is a second Service for Deployment " + candidate.deployment.name() + " (documents["
                                + candidate.service.index() + "] is the first); a workload has one Service");
                continue;
            }
            WorkloadSpecs.checkService(spec, service.path() + ".spec", candidate.facts, errors);
            candidate.service = service;
            candidate.serviceSpec = spec;
        }
    }

    /**
     * Drops the addresses a cluster allocated to an exported Service: each cluster allocates its own, so a copied
     * address would clash. A headless Service keeps {@code clusterIP: None}.
     */
    private static Map<String, Object> withoutAllocatedAddresses(
            Map<String, Object> spec, String path, List<FieldError> warnings) {
        Map<String, Object> copy = new LinkedHashMap<>(spec);
        Object clusterIp = copy.get("clusterIP");
        if (clusterIp != null && !"None".equals(clusterIp)) {
            copy.remove("clusterIP");
            warnings.add(new FieldError(
                    path + ".clusterIP", "not kept: every cluster allocates its own address to the Service"));
        }
        if (copy.remove("clusterIPs") != null) {
            warnings.add(new FieldError(
                    path + ".clusterIPs", "not kept: every cluster allocates its own addresses to the Service"));
        }
        return copy;
    }

    private static boolean selects(Map<?, ?> selector, Map<String, String> podLabels) {
        for (Map.Entry<?, ?> entry : selector.entrySet()) {
            if (!String.valueOf(entry.getValue()).equals(podLabels.get(String.valueOf(entry.getKey())))) {
                return false;
            }
        }
        return true;
    }

    /** Turns each autoscaler into the scaling policy of the Deployment it targets. */
    private static void attachAutoscalers(List<Parsed> autoscalers, Map<String, Candidate> byName, SpecErrors errors) {
        Map<String, Parsed> names = new HashMap<>();
        for (Parsed autoscaler : autoscalers) {
            if (autoscaler.name() == null) {
                continue;
            }
            Parsed earlier = names.putIfAbsent(autoscaler.namespace() + "/" + autoscaler.name(), autoscaler);
            if (earlier != null) {
                errors.add(
                        autoscaler.path() + ".metadata.name",
                        "names HorizontalPodAutoscaler " + autoscaler.name() + " again (documents[" + earlier.index()
                                + "] has it); rename one");
                continue;
            }
            Map<String, Object> spec = spec(autoscaler, errors);
            if (spec == null) {
                continue;
            }
            String path = autoscaler.path() + ".spec";
            boolean v2 = autoscaler.apiVersion().equals("autoscaling/v2");
            errors.onlyKnown(spec, v2 ? HPA_V2_FIELDS : HPA_V1_FIELDS, path);
            Candidate target = target(spec, path + ".scaleTargetRef", autoscaler, byName, errors);
            Long min = errors.wholeNumber(
                    spec, "minReplicas", path + ".minReplicas", 1, ScalingPolicyRequest.MAX_REPLICAS);
            Long max = errors.wholeNumber(
                    spec, "maxReplicas", path + ".maxReplicas", 1, ScalingPolicyRequest.MAX_REPLICAS);
            if (max == null && !spec.containsKey("maxReplicas")) {
                errors.add(path + ".maxReplicas", "is required");
            }
            int minReplicas = min == null ? 1 : min.intValue();
            if (max != null && max < minReplicas) {
                errors.add(path + ".maxReplicas", "must be at least minReplicas (" + minReplicas + ")");
            }
            Integer cpu;
            Integer memory = null;
            ScalingBehavior behavior = null;
            if (v2) {
                Integer[] targets = metrics(spec, path + ".metrics", errors);
                cpu = targets[0];
                memory = targets[1];
                behavior = behavior(spec, path + ".behavior", errors);
            } else {
                Long percent = errors.wholeNumber(
                        spec, "targetCPUUtilizationPercentage", path + ".targetCPUUtilizationPercentage", 1, 100);
                cpu = percent == null ? null : percent.intValue();
                if (cpu == null && !spec.containsKey("targetCPUUtilizationPercentage")) {
                    cpu = DEFAULT_CPU_TARGET;
                }
            }
            if (target == null || max == null) {
                continue;
            }
            if (target.autoscaler != null) {
                errors.add(
                        path + ".scaleTargetRef.name",
                        "targets Deployment " + target.deployment.name() + ", which documents["
                                + target.autoscaler.index() + "] already scales; keep one autoscaler per Deployment");
                continue;
            }
            String containers = target.deployment.path() + ".spec.template.spec.containers";
            if (cpu != null && !target.facts.cpuRequested()) {
                errors.add(
                        containers,
                        "every container must request CPU (resources.requests.cpu), because " + autoscaler.path()
                                + " targets CPU utilization, which is measured against the requests");
            }
            if (memory != null && !target.facts.memoryRequested()) {
                errors.add(
                        containers,
                        "every container must request memory (resources.requests.memory), because "
                                + autoscaler.path() + " targets memory utilization, which is measured against the"
                                + " requests");
            }
            target.autoscaler = autoscaler;
            target.policy = new ScalingPolicyRequest(minReplicas, max.intValue(), cpu, memory, behavior, null, null);
        }
    }

    private static Candidate target(
            Map<String, Object> spec,
            String path,
            Parsed autoscaler,
            Map<String, Candidate> byName,
            SpecErrors errors) {
        Map<String, Object> ref = errors.object(spec, "scaleTargetRef", path);
        if (ref == null) {
            if (!spec.containsKey("scaleTargetRef")) {
                errors.add(path, "is required: the Deployment to scale");
            }
            return null;
        }
        errors.onlyKnown(ref, TARGET_REF_FIELDS, path);
        String kind = errors.string(ref, "kind", path + ".kind");
        String name = errors.string(ref, "name", path + ".name");
        String apiVersion = errors.string(ref, "apiVersion", path + ".apiVersion");
        if (!"Deployment".equals(kind)) {
            errors.add(path + ".kind", "must be Deployment; only Deployments become workloads");
            return null;
        }
        if (apiVersion != null && !apiVersion.equals("apps/v1")) {
            errors.add(path + ".apiVersion", "must be apps/v1");
            return null;
        }
        if (name == null) {
            if (!ref.containsKey("name")) {
                errors.add(path + ".name", "is required");
            }
            return null;
        }
        Candidate target = byName.get(name);
        if (target == null || !target.deployment.namespace().equals(autoscaler.namespace())) {
            errors.add(
                    path + ".name",
                    "names Deployment " + FieldPaths.printable(name) + ", which is not in this import in namespace "
                            + autoscaler.namespace() + "; import the Deployment together with its autoscaler");
            return null;
        }
        return target;
    }

    /** Returns the CPU and memory utilization targets of an autoscaling/v2 metrics list. */
    private static Integer[] metrics(Map<String, Object> spec, String path, SpecErrors errors) {
        Integer[] targets = new Integer[2];
        List<Object> metrics = errors.list(spec, "metrics", path);
        if (metrics == null || metrics.isEmpty()) {
            if (metrics == null && spec.containsKey("metrics")) {
                return targets;
            }
            targets[0] = DEFAULT_CPU_TARGET;
            return targets;
        }
        for (int i = 0; i < metrics.size(); i++) {
            String metricPath = path + "[" + i + "]";
            if (!(metrics.get(i) instanceof Map<?, ?> raw)) {
                errors.add(metricPath, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> metric = (Map<String, Object>) raw;
            if (!"Resource".equals(metric.get("type"))) {
                errors.add(
                        metricPath + ".type",
                        "must be Resource: scaling policies target CPU and memory utilization only; Pods, Object,"
                                + " External and ContainerResource metrics are not supported");
                continue;
            }
            Map<String, Object> resource = errors.object(metric, "resource", metricPath + ".resource");
            if (resource == null) {
                errors.add(metricPath + ".resource", "is required");
                continue;
            }
            String name = errors.string(resource, "name", metricPath + ".resource.name");
            Map<String, Object> target = errors.object(resource, "target", metricPath + ".resource.target");
            if (!"cpu".equals(name) && !"memory".equals(name)) {
                errors.add(metricPath + ".resource.name", "must be cpu or memory");
                continue;
            }
            if (target == null || !"Utilization".equals(target.get("type"))) {
                errors.add(
                        metricPath + ".resource.target.type",
                        "must be Utilization; scaling policies target a percentage of the pods' requests");
                continue;
            }
            Long utilization = errors.wholeNumber(
                    target, "averageUtilization", metricPath + ".resource.target.averageUtilization", 1, 100);
            if (utilization == null) {
                if (!target.containsKey("averageUtilization")) {
                    errors.add(metricPath + ".resource.target.averageUtilization", "is required");
                }
                continue;
            }
            int slot = name.equals("cpu") ? 0 : 1;
            if (targets[slot] != null) {
                errors.add(metricPath, "repeats the " + name + " metric; keep one");
            }
            targets[slot] = utilization.intValue();
        }
        return targets;
    }

    private static ScalingBehavior behavior(Map<String, Object> spec, String path, SpecErrors errors) {
        Map<String, Object> behavior = errors.object(spec, "behavior", path);
        if (behavior == null) {
            return null;
        }
        errors.onlyKnown(behavior, Set.of("scaleUp", "scaleDown"), path);
        return new ScalingBehavior(
                rules(behavior, "scaleUp", path + ".scaleUp", errors),
                rules(behavior, "scaleDown", path + ".scaleDown", errors));
    }

    private static ScalingRules rules(Map<String, Object> behavior, String field, String path, SpecErrors errors) {
        Map<String, Object> rules = errors.object(behavior, field, path);
        if (rules == null) {
            return null;
        }
        errors.onlyKnown(rules, RULES_FIELDS, path);
        Long window =
                errors.wholeNumber(rules, "stabilizationWindowSeconds", path + ".stabilizationWindowSeconds", 0, 3600);
        ScalingRules.SelectPolicy select = null;
        String selectPolicy = errors.string(rules, "selectPolicy", path + ".selectPolicy");
        if (selectPolicy != null) {
            switch (selectPolicy) {
                case "Max" -> select = ScalingRules.SelectPolicy.MAX;
                case "Min" -> select = ScalingRules.SelectPolicy.MIN;
                case "Disabled" -> select = ScalingRules.SelectPolicy.DISABLED;
                default -> errors.add(path + ".selectPolicy", "must be Max, Min or Disabled");
            }
        }
        List<ScalingRules.ScalingRulePolicy> policies = null;
        List<Object> given = errors.list(rules, "policies", path + ".policies");
        if (given != null) {
            policies = new ArrayList<>();
            if (given.size() > 10) {
                errors.add(path + ".policies", "must hold at most 10 policies");
            }
            for (int i = 0; i < given.size(); i++) {
                String policyPath = path + ".policies[" + i + "]";
                if (!(given.get(i) instanceof Map<?, ?> raw)) {
                    errors.add(policyPath, "must be an object");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> policy = (Map<String, Object>) raw;
                errors.onlyKnown(policy, RULE_POLICY_FIELDS, policyPath);
                String type = errors.string(policy, "type", policyPath + ".type");
                ScalingRules.PolicyType policyType = "Pods".equals(type)
                        ? ScalingRules.PolicyType.PODS
                        : "Percent".equals(type) ? ScalingRules.PolicyType.PERCENT : null;
                if (policyType == null) {
                    errors.add(policyPath + ".type", "must be Pods or Percent");
                }
                Long value = errors.wholeNumber(policy, "value", policyPath + ".value", 1, 10_000);
                Long period = errors.wholeNumber(policy, "periodSeconds", policyPath + ".periodSeconds", 1, 1800);
                if (value == null && !policy.containsKey("value")) {
                    errors.add(policyPath + ".value", "is required");
                }
                if (period == null && !policy.containsKey("periodSeconds")) {
                    errors.add(policyPath + ".periodSeconds", "is required");
                }
                if (policyType != null && value != null && period != null) {
                    policies.add(new ScalingRules.ScalingRulePolicy(policyType, value.intValue(), period.intValue()));
                }
            }
        }
        return new ScalingRules(window == null ? null : window.intValue(), select, policies);
    }

    private static String referenceReason(Parsed reference, Map<String, Candidate> byName) {
        boolean configMap = reference.kind().equals("ConfigMap");
        List<String> users = byName.values().stream()
                .filter(candidate -> candidate.deployment.namespace().equals(reference.namespace()))
                .filter(candidate -> (configMap ? candidate.facts.configMaps() : candidate.facts.secrets())
                        .contains(reference.name()))
                .map(candidate -> candidate.deployment.name())
                .toList();
        String what = configMap ? "ConfigMaps" : "Secrets";
        String used = users.isEmpty() ? "no imported workload uses it" : "used by workload " + String.join(", ", users);
        return what + " are not stored by the platform (" + used + "); create it in namespace "
                + reference.namespace() + " of every cluster that runs the workload"
                + (configMap ? "" : ", for example with your secret manager");
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof String) {
            return "string";
        }
        return value == null ? "null" : "scalar";
    }

    /** A document with a readable header. */
    private record Parsed(
            int index,
            String path,
            String apiVersion,
            String kind,
            String name,
            String namespace,
            Map<String, String> labels,
            Map<String, Object> object) {

        UnhandledObject unhandled(String reason) {
            return new UnhandledObject(index, apiVersion, kind, namespace, name, reason);
        }
    }

    /** A Deployment on its way to becoming a workload, with what joined it. */
    private static final class Candidate {

        final Parsed deployment;
        final Map<String, Object> spec;
        final WorkloadSpecs.DeploymentFacts facts;
        Parsed service;
        Map<String, Object> serviceSpec;
        Parsed autoscaler;
        ScalingPolicyRequest policy;

        Candidate(Parsed deployment, Map<String, Object> spec, WorkloadSpecs.DeploymentFacts facts) {
            this.deployment = deployment;
            this.spec = spec;
            this.facts = facts;
        }
    }
}
