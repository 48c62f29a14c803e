package io.paygate.notify.wechat;

import io.paygate.notify.NotifySettings;
import io.paygate.notify.intake.RawBody;
import io.paygate.notify.wechat.WechatNotificationPipeline.Answer;
import io.paygate.notify.wechat.WechatRejected.Reason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The two URLs WeChat Pay (API v3) is given: payment results and refund results. */
@RestController
@Tag(name = "WeChat Pay", description = "Called by WeChat Pay with API v3 notifications")
class WechatNotifications {

    private final WechatNotificationPipeline pipeline;
    private final NotifySettings settings;
    private final Clock clock;

    WechatNotifications(WechatNotificationPipeline pipeline, NotifySettings settings, Clock clock) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/notify/wechat/payment")
    @Operation(summary = "WeChat Pay payment notification (TRANSACTION.SUCCESS)",
            description = "Signed JSON with an AES-256-GCM encrypted resource. 204 only after the notification verified "
                    + "and every event it causes was acknowledged by Kafka; 401/400 {\"code\":\"FAIL\"} when it does not verify "
                    + "or is not ours; 503 when it could not be recorded, so that WeChat Pay retries.")
    Mono<ResponseEntity<Map<String, String>>> payment(ServerHttpRequest request) {
        return handle(WechatEndpoint.PAYMENT, request);
    }

    @PostMapping("/notify/wechat/refund")
    @Operation(summary = "WeChat Pay refund notification (REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED)",
            description = "Verified like payment notifications; recorded on the raw notification topic only.")
    Mono<ResponseEntity<Map<String, String>>> refund(ServerHttpRequest request) {
        return handle(WechatEndpoint.REFUND, request);
    }

    /** The body is read as raw bytes, not bound: the signature covers it byte for byte. */
    private Mono<ResponseEntity<Map<String, String>>> handle(WechatEndpoint endpoint, ServerHttpRequest request) {
        if (!pipeline.enabled()) {
            return Mono.just(answer(Answer.DISABLED));
        }
        Instant receivedAt = clock.instant();
        return RawBody.read(request, settings.maxBodyBytes())
                .flatMap(body -> pipeline.handle(endpoint, body, request.getHeaders(), receivedAt))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(pipeline.refusedUnread(endpoint,
                        new WechatRejected(Reason.BODY_TOO_LARGE, "body over " + settings.maxBodySize()))))
                .map(WechatNotifications::answer);
    }

    private static ResponseEntity<Map<String, String>> answer(Answer answer) {
        if (answer.message() == null) {
            return ResponseEntity.status(answer.status()).build();
        }
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", "FAIL", "message", answer.message()));
    }
}
