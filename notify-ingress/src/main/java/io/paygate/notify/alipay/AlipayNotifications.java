package io.paygate.notify.alipay;

import io.paygate.common.web.ApiException;
import io.paygate.notify.NotifySettings;
import io.paygate.notify.alipay.AlipayNotificationPipeline.Answer;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import io.paygate.notify.intake.RawBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** The two URLs Alipay is given: the asynchronous notification and the buyer's browser return. */
@RestController
@Tag(name = "Alipay", description = "Called by Alipay and by buyers' browsers coming back from its cashier")
class AlipayNotifications {

    private static final Set<Reason> NOT_AUTHENTIC = EnumSet.of(Reason.SIGN_MISSING, Reason.SIGN_TYPE_UNSUPPORTED, Reason.SIGNATURE_INVALID);

    private final AlipayNotificationPipeline pipeline;
    private final NotifySettings settings;
    private final Clock clock;

    AlipayNotifications(AlipayNotificationPipeline pipeline, NotifySettings settings, Clock clock) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The body is read as raw bytes, not bound as form data: it is decoded in the charset it
     * names itself, and kept exactly as sent for the audit topic.
     */
    @PostMapping("/notify/alipay")
    @Operation(summary = "Alipay asynchronous notification",
            description = "A form signed with RSA2 by Alipay. Answers the plain text 'success' only after the "
                    + "notification verified and every event it causes was acknowledged by Kafka; 'failure' otherwise, "
                    + "so that Alipay retries.")
    Mono<ResponseEntity<String>> notification(ServerHttpRequest request) {
        Instant receivedAt = clock.instant();
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return RawBody.read(request, settings.maxBodyBytes())
                .flatMap(body -> pipeline.handle(body, contentType == null ? "" : contentType, receivedAt))
                .map(answer -> answer(HttpStatus.OK, answer))
                .onErrorResume(DataBufferLimitException.class, e -> {
                    pipeline.refusedUnread(new NotificationRejected(Reason.BODY_TOO_LARGE,
                            "body over " + settings.maxBodySize()));
                    return Mono.just(answer(HttpStatus.CONTENT_TOO_LARGE, Answer.FAILURE));
                });
    }

    /**
     * Never proof of payment: the buyer may never come back, and the URL can be replayed. It
     * only sends the browser on to the result page, which reads the order's real state.
     */
    @GetMapping("/return/alipay")
    @Operation(summary = "Buyer's browser return from Alipay's cashier",
            description = "Verifies the signed query string and redirects (302) to the configured result page with "
                    + "?orderNo=. A return that does not verify gets 400 problem+json, code return_signature_invalid.")
    ResponseEntity<Void> browserReturn(ServerHttpRequest request) {
        String orderNo;
        try {
            orderNo = pipeline.verifyReturn(request.getURI().getRawQuery());
        } catch (NotificationRejected rejected) {
            if (NOT_AUTHENTIC.contains(rejected.reason())) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "return_signature_invalid",
                        "the return from Alipay does not carry a valid signature");
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "return_invalid",
                    "the return from Alipay is malformed or not for this merchant");
        }
        URI location = UriComponentsBuilder.fromUri(settings.returnRedirectUrl())
                .queryParam("orderNo", orderNo)
                .build()
                .encode()
                .toUri();
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(location)
                .cacheControl(CacheControl.noStore())
                .build();
    }

    private static ResponseEntity<String> answer(HttpStatus status, Answer answer) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(answer.word());
    }
}
