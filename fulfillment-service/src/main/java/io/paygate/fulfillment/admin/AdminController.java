package io.paygate.fulfillment.admin;

import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The admins' view of what happens: a live Server-Sent Events stream and a plain list for scripts. */
@RestController
@RequestMapping("/admin/v1")
class AdminController {

    static final String EVENT_NAME = "admin-message";
    /** Often enough that proxies with a one-minute idle timeout keep the stream open. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    /** How long a browser's EventSource waits before reconnecting (with its Last-Event-ID). */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    private final AdminMessages messages;

    AdminController(AdminMessages messages) {
        this.messages = messages;
    }

    /**
     * Recent messages after {@code Last-Event-ID} (all recent ones on a fresh connection), then
     * live ones. Comment lines keep an idle stream open; the stream ends when the service stops.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<AdminMessage>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Flux<ServerSentEvent<AdminMessage>> events = messages.after(lastSeen(lastEventId))
                .map(message -> ServerSentEvent.builder(message)
                        .id(Long.toString(message.id()))
                        .event(EVENT_NAME)
                        .build());
        Flux<ServerSentEvent<AdminMessage>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<AdminMessage>builder().comment("keep-alive").build());
        // sent at once, so the response starts (headers out) even before the first message
        Flux<ServerSentEvent<AdminMessage>> opening = Flux.just(
                ServerSentEvent.<AdminMessage>builder().comment("admin messages").retry(RECONNECT).build());
        return opening.concatWith(events.publish(shared -> Flux.merge(shared, keepAlive.takeUntilOther(shared.then()))));
    }

    /** The recent messages, oldest first. */
    @GetMapping("/messages")
    List<AdminMessage> recent() {
        return messages.recent();
    }

    /** A malformed Last-Event-ID is treated as none: the admin gets the recent history. */
    private static long lastSeen(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
