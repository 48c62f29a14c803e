package io.paygate.fulfillment;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.admin.AdminMessages;
import io.paygate.fulfillment.email.ReceiptMail;
import org.junit.jupiter.api.Test;

/**
 * Email and admin messages are services with one door each; only the orders feature knows about
 * events, and it uses those doors rather than the features' insides.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.fulfillment");

    @Test
    void emailAndAdminKnowNothingOfEachOtherOrOfHowOrdersArrive() {
        noClasses().that().resideInAPackage("..fulfillment.email..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.admin..", "..fulfillment.orders..")
                .check(classes);
        noClasses().that().resideInAPackage("..fulfillment.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.email..", "..fulfillment.orders..")
                .check(classes);
    }

    @Test
    void ordersUseEmailAndAdminOnlyThroughTheirDoors() {
        noClasses().that().resideInAPackage("..fulfillment.orders..")
                .should().dependOnClassesThat(resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..")
                        .and(not(belongToAnyOf(ReceiptMail.class, AdminMessages.class, AdminMessage.class))))
                .check(classes);
    }

    @Test
    void onlyTheOrdersFeatureTouchesKafka() {
        noClasses().that().resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnTheApplicationRoot() {
        noClasses().that().resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..", "..fulfillment.orders..")
                .should().dependOnClassesThat().resideInAPackage("io.paygate.fulfillment")
                .check(classes);
    }
}
