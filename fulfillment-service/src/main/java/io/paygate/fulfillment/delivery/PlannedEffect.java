package io.paygate.fulfillment.delivery;

import io.paygate.fulfillment.email.Mail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Something to send, decided on and not yet sent.
 *
 * @param kind    what it is
 * @param payload what is sent, stored as it is: a mail as JSON, or the robot's exact body
 */
public record PlannedEffect(EffectKind kind, String payload) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static PlannedEffect customerMail(Mail mail) {
        return new PlannedEffect(EffectKind.CUSTOMER_MAIL, JSON.writeValueAsString(mail));
    }

    public static PlannedEffect adminMail(Mail mail) {
        return new PlannedEffect(EffectKind.ADMIN_MAIL, JSON.writeValueAsString(mail));
    }

    public static PlannedEffect robotMessage(String body) {
        return new PlannedEffect(EffectKind.ROBOT_MESSAGE, body);
    }
}
