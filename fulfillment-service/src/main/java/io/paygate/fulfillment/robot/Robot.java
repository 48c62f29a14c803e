package io.paygate.fulfillment.robot;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts admin messages to a chat robot's webhook, signed (see {@link RobotSignature}). The body
 * has the {@code msgtype}/{@code text.content} shape that WeCom, DingTalk and similar group
 * robots read, plus a {@code paygate} object with the message's fields for programs.
 */
@Component
public class Robot implements DisposableBean {

    public static final String TIMESTAMP_HEADER = "X-Paygate-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Paygate-Signature";
    public static final String MESSAGE_ID_HEADER = "X-Paygate-Message-Id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RobotSettings settings;
    private final Clock clock;
    private final HttpClient http;

    Robot(RobotSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** False when no URL is configured: then there is nothing to send. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The exact JSON body the robot will get for this message. */
    public String body(RobotMessage message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("msgtype", "text");
        body.putObject("text").put("content", message.text() + "\n" + message.link());
        ObjectNode paygate = body.putObject("paygate");
        paygate.put("id", message.id());
        paygate.put("kind", message.kind());
        paygate.put("orderNo", message.orderNo());
        paygate.put("text", message.text());
        paygate.put("amountFen", message.amountFen());
        paygate.put("link", message.link());
        paygate.put("at", message.at().toString());
        return JSON.writeValueAsString(body);
    }

    /**
     * One attempt: signs the body with the current time and POSTs it. Blocks up to the
     * configured timeout; call it from a thread that may block.
     *
     * @throws RobotFailure unless the robot answered 2xx
     */
    public void post(String messageId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(settings.uri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, RobotSignature.sign(settings.secret(), timestamp, body))
                .header(MESSAGE_ID_HEADER, messageId)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // the exception's own message may quote the URL, which can hold an access token
            throw new RobotFailure("robot unreachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RobotFailure("interrupted while posting to the robot", false);
        }
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new RobotFailure("robot answered HTTP " + status, !retryable);
    }

    @Override
    public void destroy() {
        http.close();
    }
}
