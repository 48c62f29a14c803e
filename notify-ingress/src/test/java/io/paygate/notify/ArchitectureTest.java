package io.paygate.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One folder per platform, reached by nobody else; publishing knows no platform; only the
 * platform folder touches its SDK, and only publishing touches Kafka.
 */
class ArchitectureTest {

    private static final String PLATFORMS = "io.paygate.notify.alipay..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.notify");

    @Test
    void nothingOutsideThePlatformFolderReachesIntoIt() {
        noClasses().that().resideOutsideOfPackage(PLATFORMS)
                .should().dependOnClassesThat().resideInAPackage(PLATFORMS)
                .check(classes);
    }

    @Test
    void publishingKnowsNoPlatform() {
        noClasses().that().resideInAPackage("io.paygate.notify.publish..")
                .should().dependOnClassesThat().resideInAnyPackage(PLATFORMS, "com.alipay..")
                .check(classes);
    }

    @Test
    void onlyThePlatformFolderUsesThePlatformSdk() {
        noClasses().that().resideOutsideOfPackage(PLATFORMS)
                .should().dependOnClassesThat().resideInAPackage("com.alipay..")
                .check(classes);
    }

    @Test
    void platformFoldersPublishOnlyThroughThePublishFeature() {
        noClasses().that().resideInAPackage(PLATFORMS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "io.paygate.common.kafka..")
                .check(classes);
    }
}
