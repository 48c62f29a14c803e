package io.paygate.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox is an independent implementation of the platforms and takes no part in eventing. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.sandbox");

    @Test
    void theSandboxDoesNotUseThePlatformSdksItImitates() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.alipay..", "com.wechat.pay..")
                .check(classes);
    }

    @Test
    void theSandboxUsesNoKafkaAndNoOutbox() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.paygate.common.kafka..",
                        "io.paygate.common.outbox..")
                .check(classes);
    }
}
