package io.paygate.fulfillment.email;

import java.util.List;

/**
 * A mail ready to send: what a recipient will read, in both forms. It is stored as it is
 * between being decided on and being sent, so its content never changes across retries.
 *
 * @param to      the recipients
 * @param subject the subject line
 * @param text    the plain-text body
 * @param html    the same content as HTML, every inserted value escaped
 */
public record Mail(List<String> to, String subject, String text, String html) {

    public Mail {
        to = List.copyOf(to);
    }
}
