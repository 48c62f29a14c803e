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

    private static final String ALIPAY = "io.paygate.notify.alipay..";
    private static final String WECHAT = "io.paygate.notify.wechat..";
    private static final String[] PLATFORMS = {ALIPAY, WECHAT};
    private static final String[] SDKS = {"com.alipay..", "com.wechat.pay.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.notify");

    @Test
    void nothingOutsideThePlatformFolderReachesIntoIt() {
        noClasses().that().resideOutsideOfPackages(PLATFORMS)
                .should().dependOnClassesThat().resideInAnyPackage(PLATFORMS)
                .check(classes);
    }

    @Test
    void platformFoldersDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage(ALIPAY)
                .should().dependOnClassesThat().resideInAnyPackage(WECHAT, "com.wechat.pay..")
                .check(classes);
        noClasses().that().resideInAPackage(WECHAT)
                .should().dependOnClassesThat().resideInAnyPackage(ALIPAY, "com.alipay..")
                .check(classes);
    }

    @Test
    void publishingAndIntakeKnowNoPlatform() {
        noClasses().that().resideInAnyPackage("io.paygate.notify.publish..", "io.paygate.notify.intake..")
                .should().dependOnClassesThat().resideInAnyPackage(ALIPAY, WECHAT, "com.alipay..", "com.wechat.pay..")
                .check(classes);
    }

    @Test
    void onlyThePlatformFolderUsesThePlatformSdk() {
        noClasses().that().resideOutsideOfPackages(PLATFORMS)
                .should().dependOnClassesThat().resideInAnyPackage(SDKS)
                .check(classes);
    }

    @Test
    void platformFoldersPublishOnlyThroughThePublishFeature() {
        noClasses().that().resideInAnyPackage(PLATFORMS)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "io.paygate.common.kafka..")
                .check(classes);
    }
}
