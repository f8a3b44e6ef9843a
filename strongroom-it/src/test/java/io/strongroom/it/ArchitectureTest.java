package io.strongroom.it;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering rules of STYLE.md, checked on the compiled code. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strongroom");
    }

    @Test
    void engineSpeaksNoWireNoHttpNoSql() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.strongroom.engine..", "io.strongroom.dynamodb..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "org.eclipse.jetty..",
                        "java.sql..", "io.strongroom.wire..", "io.strongroom.api..", "io.strongroom.server..")
                .because("the domain is pure: SDK shapes, HTTP and SQL stay at the edges");
        rule.check(classes);
    }

    @Test
    void rdsKeepsSqlAndThreadsInItsDatabaseHost() {
        noClasses().that().resideInAPackage("io.strongroom.rds..").and().resideOutsideOfPackage("io.strongroom.rds.h2..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.h2..", "java.net..",
                        "software.amazon.awssdk..", "io.strongroom.api..", "io.strongroom.server..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .because("the RDS engine reaches its databases only through the Databases port; SQL, sockets and "
                        + "threads live in rds.h2")
                .check(classes);
    }

    @Test
    void resourceServicesStandBesideTheEngine() {
        noClasses().that().resideInAnyPackage("io.strongroom.dynamodb..", "io.strongroom.s3..", "io.strongroom.rds..")
                .should().dependOnClassesThat().resideInAPackage("io.strongroom.engine..")
                .because("a resource service is its own small engine that the backup engine reaches through the "
                        + "ResourceProvider SPI, never the other way round")
                .check(classes);
    }

    @Test
    void jsonOnlyInEngineCodecsAndPolicyParsers() {
        noClasses().that().resideInAnyPackage("io.strongroom.engine..", "io.strongroom.dynamodb..",
                        "io.strongroom.s3..")
                .and().resideOutsideOfPackages("..codec..", "..policy..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("business classes never see JSON; persistence codecs and policy parsers do")
                .check(classes);
    }

    @Test
    void onlyWireSdkTouchesSdkProtocolInternals() {
        noClasses().that().resideOutsideOfPackage("io.strongroom.wire.sdk..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.core.traits..",
                        "software.amazon.awssdk.core.protocol..", "software.amazon.awssdk.protocols..")
                .because("one package owns the SDK's model metadata, so an SDK upgrade touches one place")
                .check(classes);
    }

    @Test
    void engineReadsTimeOnlyFromItsClock() {
        noClasses().that().resideInAnyPackage("io.strongroom.engine..", "io.strongroom.dynamodb..",
                        "io.strongroom.s3..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .because("time is simulated and runs must be deterministic: the injected clock, the scheduler "
                        + "and the seeded id generator are the only sources")
                .check(classes);
    }

    @Test
    void vaultStorageStandsAlone() {
        noClasses().that().resideInAPackage("io.strongroom.vaultstorage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strongroom.engine..", "io.strongroom.server..",
                        "io.strongroom.wire..", "io.strongroom.api..", "io.strongroom.storage..",
                        "software.amazon.awssdk..", "org.eclipse.jetty..", "com.fasterxml.jackson..", "java.sql..")
                .because("the vault storage engine sits below AWS Backup and KMS behind its own small interface, so a "
                        + "node can swap its backend (local disk, an object store) without touching the domain")
                .check(classes);
    }

    @Test
    void vaultStorageReadsTimeOnlyFromItsClock() {
        noClasses().that().resideInAPackage("io.strongroom.vaultstorage..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("retention and expiry run on the simulated clock the storage is given")
                .check(classes);
    }

    @Test
    void handlersNeverSeeHttp() {
        noClasses().that().resideInAPackage("io.strongroom.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.strongroom.wire.http..",
                        "io.strongroom.server..")
                .because("a handler takes an SDK request and returns an SDK response; the pipeline owns HTTP")
                .check(classes);
    }

    @Test
    void onlyThePipelineAsksTheAuthorizerFromOutsideTheEngine() {
        noClasses().that().resideOutsideOfPackages("io.strongroom.engine..", "io.strongroom.server.pipeline..")
                .should().callMethod(io.strongroom.engine.access.Authorizer.class, "authorize",
                        io.strongroom.engine.access.AuthorizationRequest.class)
                .because("one authorization choke point: the pipeline before dispatch, the engine for its own actions")
                .check(classes);
    }

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("io.strongroom.engine.(*)..").should().beFreeOfCycles()
                .because("contexts talk through small ports owned by the caller")
                .check(classes);
    }
}
