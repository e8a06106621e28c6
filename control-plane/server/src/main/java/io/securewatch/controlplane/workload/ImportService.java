package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ImportResult;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ValidationGroups;
import io.securewatch.api.v1.Workload;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenant.TenantEntity;
import io.securewatch.controlplane.tenant.TenantRepository;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.ProblemType;
import io.securewatch.controlplane.web.Violations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Imports Kubernetes manifests as workloads and scaling policies, all or nothing: every document is checked before
 * anything is written, and the writes share the caller's transaction. A dry run makes the same writes and rolls
 * them back, so it reports exactly what a real import would do, conflicts included.
 */
@ApplicationScoped
public class ImportService {

    @Inject
    WorkloadService workloads;

    @Inject
    ScalingPolicyService policies;

    @Inject
    WorkloadRepository workloadRows;

    @Inject
    TenantRepository tenants;

    @Inject
    RegionRepository regions;

    @Inject
    Validator validator;

    /**
     * The request's options besides the manifests.
     *
     * @param tenant the owner's slug from the query, or null
     * @param regions the regions from the query, or null for the default: the tenant's regions, or every region
     */
    public record Options(boolean dryRun, String tenant, List<String> regions) {}

    public Uni<ImportResult> run(String manifests, Options options, TenantScope scope, ChangeOrigin origin) {
        String owner = WorkloadService.owner(options.tenant(), scope);
        List<ManifestYaml.Document> documents;
        try {
            documents = ManifestYaml.read(manifests);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("body", e.getMessage());
        }
        if (documents.isEmpty()) {
            throw ApiException.invalid("body", "contains no documents, only separators or comments; send manifests");
        }
        return tenant(owner)
                .chain(tenant -> regionsFor(tenant, options.regions()))
                .chain(regionNames -> {
                    KubernetesImport.Plan plan =
                            KubernetesImport.plan(documents, new KubernetesImport.Context(owner, regionNames));
                    List<FieldError> errors = new ArrayList<>(plan.errors());
                    for (KubernetesImport.PlannedWorkload planned : plan.workloads()) {
                        errors.addAll(beanErrors(planned));
                    }
                    if (!errors.isEmpty()) {
                        throw ApiException.invalid(errors);
                    }
                    return rejectExisting(plan).chain(() -> store(plan, scope, origin, options.dryRun()));
                });
    }

    private Uni<TenantEntity> tenant(String owner) {
        if (owner == null) {
            return Uni.createFrom().nullItem();
        }
        return tenants.findBySlug(owner).invoke(found -> {
            if (found == null) {
                throw ApiException.invalid("tenant", "tenant '" + owner + "' not found; create the tenant first");
            }
        });
    }

    /** Returns the regions the workloads will run in, checked against the stored regions and the tenant's. */
    private Uni<List<String>> regionsFor(TenantEntity tenant, List<String> requested) {
        if (requested == null) {
            if (tenant != null) {
                return Uni.createFrom()
                        .item(tenant.regions.stream()
                                .map(region -> region.name)
                                .sorted()
                                .toList());
            }
            return regions.listAll().map(all -> {
                if (all.isEmpty()) {
                    throw ApiException.invalid("regions", "no region exists yet; create one before importing");
                }
                return all.stream().map(region -> region.name).sorted().toList();
            });
        }
        return regions.findByNames(Set.copyOf(requested)).map(found -> {
            Set<String> existing = found.stream().map(region -> region.name).collect(Collectors.toSet());
            Set<String> tenantRegions = tenant == null
                    ? existing
                    : tenant.regions.stream().map(region -> region.name).collect(Collectors.toSet());
            List<FieldError> errors = new ArrayList<>();
            for (String region : requested) {
                if (!existing.contains(region)) {
                    errors.add(
                            new FieldError("regions", "region '" + region + "' not found; create it or leave it out"));
                } else if (!tenantRegions.contains(region)) {
                    errors.add(new FieldError(
                            "regions",
                            "tenant '" + tenant.slug + "' does not run in region '" + region
                                    + "'; add the region to the tenant first"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            return List.copyOf(requested);
        });
    }

    /** Applies the constraints of the REST types, in case the manifests passed the import's own checks. */
    private List<FieldError> beanErrors(KubernetesImport.PlannedWorkload planned) {
        List<FieldError> errors = new ArrayList<>();
        String workloadPath = "documents[" + planned.document() + "].";
        Violations.toFieldErrors(validator.validate(planned.request(), ValidationGroups.Create.class))
                .forEach(error -> errors.add(new FieldError(workloadPath + error.field(), error.message())));
        if (planned.policy() != null) {
            String policyPath = "documents[" + planned.policyDocument() + "].";
            Violations.toFieldErrors(validator.validate(planned.policy()))
                    .forEach(error -> errors.add(new FieldError(policyPath + error.field(), error.message())));
        }
        return errors;
    }

    private Uni<Void> rejectExisting(KubernetesImport.Plan plan) {
        Set<String> names = plan.workloads().stream()
                .map(planned -> planned.request().name())
                .collect(Collectors.toSet());
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return workloadRows
                .list("name in ?1", names)
                .invoke(existing -> {
                    Set<String> taken = new HashSet<>();
                    existing.forEach(workload -> taken.add(workload.name));
                    List<FieldError> conflicts = plan.workloads().stream()
                            .filter(planned -> taken.contains(planned.request().name()))
                            .map(planned -> new FieldError(
                                    "documents[" + planned.document() + "].metadata.name",
                                    "workload '" + planned.request().name()
                                            + "' already exists; rename the Deployment or change the workload through"
                                            + " /api/v1/workloads"))
                            .toList();
                    if (!conflicts.isEmpty()) {
                        String detail = conflicts.size() == 1
                                ? conflicts.get(0).message()
                                : conflicts.size() + " workloads already exist; see errors";
                        throw new ApiException(ProblemType.ALREADY_EXISTS, detail, conflicts);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<ImportResult> store(
            KubernetesImport.Plan plan, TenantScope scope, ChangeOrigin origin, boolean dryRun) {
        List<Workload> created = new ArrayList<>();
        List<ScalingPolicy> createdPolicies = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KubernetesImport.PlannedWorkload planned : plan.workloads()) {
            chain = chain.chain(() -> workloads.create(planned.request(), scope, origin))
                    .invoke(workload -> created.add(WorkloadMapper.toApi(workload)))
                    .chain(workload -> planned.policy() == null
                            ? Uni.createFrom().voidItem()
                            : policies.put(workload.name, planned.policy(), null, scope, origin)
                                    .invoke(stored ->
                                            createdPolicies.add(WorkloadMapper.toApi(workload.name, stored.policy())))
                                    .replaceWithVoid());
        }
        if (dryRun) {
            chain = chain.chain(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))
                    .replaceWithVoid();
        }
        return chain.map(
                ignored -> new ImportResult(dryRun, created, createdPolicies, plan.unhandled(), plan.warnings()));
    }
}
