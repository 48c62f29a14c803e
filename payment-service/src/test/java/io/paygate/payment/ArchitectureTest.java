package io.paygate.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Platform folders are leaves: the Alipay SDK stays inside {@code alipay}. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.payment");

    @Test
    void onlyTheAlipayFolderTouchesTheAlipaySdk() {
        noClasses().that().resideOutsideOfPackage("io.paygate.payment.alipay..")
                .should().dependOnClassesThat().resideInAPackage("com.alipay..")
                .check(classes);
    }

    @Test
    void onlyTheWechatFolderTouchesTheWechatPaySdk() {
        noClasses().that().resideOutsideOfPackage("io.paygate.payment.wechat..")
                .should().dependOnClassesThat().resideInAPackage("com.wechat.pay..")
                .check(classes);
    }

    @Test
    void closingAndTheSweepKnowPlatformsOnlyThroughTheirCommonGateway() {
        noClasses().that().resideInAnyPackage("io.paygate.payment.closing..", "io.paygate.payment.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paygate.payment.alipay..", "io.paygate.payment.wechat..")
                .check(classes);
    }

    @Test
    void platformFoldersDoNotDependOnAttemptsOrOrders() {
        noClasses().that().resideInAnyPackage("io.paygate.payment.alipay..", "io.paygate.payment.wechat..", "io.paygate.payment.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paygate.payment.attempt..", "io.paygate.payment.orders..")
                .check(classes);
    }
}
