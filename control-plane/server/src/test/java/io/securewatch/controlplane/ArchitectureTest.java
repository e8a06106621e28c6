package io.securewatch.controlplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Rules on how the packages of the control plane may depend on each other. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.securewatch.controlplane");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.securewatch.controlplane.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void sharedCodeIgnoresFeatures() {
        noClasses()
                .that()
                .resideInAnyPackage("..controlplane.web..", "..controlplane.security..", "..controlplane.logging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..controlplane.region..",
                        "..controlplane.cluster..",
                        "..controlplane.tenant..",
                        "..controlplane.demo..")
                .check(CLASSES);
    }

    @Test
    void residencyRulesArePure() {
        noClasses()
                .that()
                .haveSimpleName("ResidencyRules")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.smallrye..", "io.quarkus..", "jakarta.persistence..", "io.vertx..", "org.hibernate..")
                .check(CLASSES);
    }

    @Test
    void desiredStateCompilerIsPure() {
        noClasses()
                .that()
                .resideInAPackage("..controlplane.desiredstate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.smallrye..",
                        "io.vertx..",
                        "jakarta.persistence..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "org.hibernate..",
                        "io.opentelemetry..",
                        "..controlplane.clusterstate..",
                        "..controlplane.tenant..",
                        "..controlplane.cluster..",
                        "..controlplane.region..")
                .check(CLASSES);
    }
}
