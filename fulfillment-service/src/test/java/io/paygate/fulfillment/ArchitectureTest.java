package io.paygate.fulfillment;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.paygate.fulfillment.admin.AdminLinks;
import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.admin.AdminMessages;
import io.paygate.fulfillment.delivery.Effects;
import io.paygate.fulfillment.delivery.EventOrigin;
import io.paygate.fulfillment.delivery.PlannedEffect;
import io.paygate.fulfillment.email.Mail;
import io.paygate.fulfillment.email.Mailer;
import io.paygate.fulfillment.email.Wording;
import io.paygate.fulfillment.robot.Robot;
import io.paygate.fulfillment.robot.RobotFailure;
import io.paygate.fulfillment.robot.RobotMessage;
import org.junit.jupiter.api.Test;

/**
 * Email, the admin stream and the chat robot are services with one door each, knowing nothing
 * of orders or of each other. Only the orders feature knows about events; only the delivery
 * feature (the local outbox) sends; both use the others through their doors.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.paygate.fulfillment");

    @Test
    void emailAdminAndRobotKnowNothingOfEachOtherOrOfHowOrdersArrive() {
        noClasses().that().resideInAPackage("..fulfillment.email..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.admin..", "..fulfillment.robot..",
                        "..fulfillment.orders..", "..fulfillment.delivery..")
                .check(classes);
        noClasses().that().resideInAPackage("..fulfillment.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.email..", "..fulfillment.robot..",
                        "..fulfillment.orders..", "..fulfillment.delivery..")
                .check(classes);
        noClasses().that().resideInAPackage("..fulfillment.robot..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..",
                        "..fulfillment.orders..", "..fulfillment.delivery..")
                .check(classes);
    }

    @Test
    void deliveryKnowsNothingOfOrderEvents() {
        noClasses().that().resideInAPackage("..fulfillment.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("..fulfillment.orders..")
                .check(classes);
    }

    @Test
    void ordersAndDeliveryUseTheOthersOnlyThroughTheirDoors() {
        noClasses().that().resideInAnyPackage("..fulfillment.orders..", "..fulfillment.delivery..")
                .should().dependOnClassesThat(resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..",
                        "..fulfillment.robot..")
                        .and(not(belongToAnyOf(Wording.class, Wording.Alert.class, Mail.class, Mailer.class, AdminMessages.class,
                                AdminMessage.class, AdminMessage.Kind.class, AdminLinks.class, Robot.class, RobotMessage.class,
                                RobotFailure.class))))
                .check(classes);
        noClasses().that().resideInAPackage("..fulfillment.orders..")
                .should().dependOnClassesThat(resideInAnyPackage("..fulfillment.delivery..")
                        .and(not(belongToAnyOf(Effects.class, EventOrigin.class, PlannedEffect.class))))
                .check(classes);
    }

    @Test
    void onlyOrdersAndDeliveryTouchKafka() {
        noClasses().that().resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..", "..fulfillment.robot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnTheApplicationRoot() {
        noClasses().that().resideInAnyPackage("..fulfillment.email..", "..fulfillment.admin..", "..fulfillment.orders..",
                        "..fulfillment.robot..", "..fulfillment.delivery..")
                .should().dependOnClassesThat().resideInAPackage("io.paygate.fulfillment")
                .check(classes);
    }
}
