package io.paygate.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Features talk through their public types; the client feature knows nothing of orders or payments. */
class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.order");

    @Test
    void clientAppsDependOnNoOtherFeature() {
        noClasses().that().resideInAPackage("..order.client..")
                .should().dependOnClassesThat().resideInAnyPackage("..order.order..", "..order.payment..")
                .check(classes);
    }

    @Test
    void ordersDoNotKnowHowPaymentsArrive() {
        noClasses().that().resideInAPackage("io.paygate.order.order..")
                .should().dependOnClassesThat().resideInAPackage("io.paygate.order.payment..")
                .check(classes);
    }

    @Test
    void nothingInOrderServiceReachesKafkaExceptThroughTheListener() {
        noClasses().that().resideInAnyPackage("io.paygate.order.order..", "io.paygate.order.client..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(classes);
    }
}
