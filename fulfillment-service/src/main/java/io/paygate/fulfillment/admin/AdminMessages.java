package io.paygate.fulfillment.admin;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The recent admin messages and the live feed of new ones. Kept in memory only: they are a
 * notification, not a record (the orders and deliveries are in the databases), so a restart
 * starts an empty history. Ids still grow across restarts — a run's first id is its start time
 * in milliseconds × 1000 — so an admin's EventSource that reconnects to a restarted service with
 * the Last-Event-ID it saw before never mistakes a new message for one it already has.
 */
@Component
public class AdminMessages {

    static final int KEEP = 200;

    private final Clock clock;
    private final Deque<AdminMessage> recent = new ArrayDeque<>(KEEP);
    /*
     * Straight to current subscribers, keeping nothing for absent ones: history is replayed
     * from `recent`, so the sink must not buffer (a buffering multicast sink would hand its
     * backlog to the first subscriber, twice counting what the history already has).
     */
    private final Sinks.Many<AdminMessage> live = Sinks.many().multicast().directBestEffort();
    private long lastId;

    AdminMessages(Clock clock) {
        this.clock = clock;
        this.lastId = clock.millis() * 1000;
    }

    /** Records a message and pushes it to every connected admin. */
    public AdminMessage publish(AdminMessage.Kind kind, String orderNo, String text, long amountFen, String link) {
        // one lock for id, history and emission, so ids reach subscribers in order and a
        // subscriber that joins concurrently sees each message exactly once (see `after`)
        synchronized (this) {
            var message = new AdminMessage(++lastId, kind, orderNo, text, amountFen, link, clock.instant());
            if (recent.size() == KEEP) {
                recent.removeFirst();
            }
            recent.addLast(message);
            // no subscriber, or closed for shutdown: the message is still in the history
            live.tryEmitNext(message);
            return message;
        }
    }

    /** The recent messages, oldest first. */
    public synchronized List<AdminMessage> recent() {
        return List.copyOf(recent);
    }

    /**
     * Every recent message with an id above {@code lastSeenId}, then live ones as they come. A
     * {@code lastSeenId} this run never issued (from before a restart) counts as none seen, so
     * the admin gets the whole recent history rather than nothing. A subscriber that falls
     * {@value #KEEP} messages behind is ended rather than left with gaps: an SSE client then
     * reconnects with its Last-Event-ID and catches up from the history.
     */
    public Flux<AdminMessage> after(long lastSeenId) {
        return Flux.defer(() -> {
            Sinks.Many<AdminMessage> mine = Sinks.many().unicast().onBackpressureBuffer(Queues.<AdminMessage>get(KEEP).get());
            List<AdminMessage> history;
            Disposable feed;
            synchronized (this) {
                // under the lock nothing is published between the snapshot and the subscription,
                // so each message arrives exactly once: from the history or from the feed
                long from = lastSeenId > lastId ? 0 : lastSeenId;
                history = recent.stream().filter(message -> message.id() > from).toList();
                feed = live.asFlux().subscribe(
                        message -> {
                            if (mine.tryEmitNext(message).isFailure()) {
                                mine.tryEmitComplete();
                            }
                        },
                        mine::tryEmitError,
                        mine::tryEmitComplete);
            }
            return Flux.fromIterable(history).concatWith(mine.asFlux()).doFinally(signal -> feed.dispose());
        });
    }

    /** How many streams are open; visible for tests that check a closed stream stops listening. */
    int listeners() {
        return live.currentSubscriberCount();
    }

    /** Ends every stream, so graceful shutdown does not wait for admins to disconnect. */
    void close() {
        synchronized (this) {
            live.tryEmitComplete();
        }
    }
}
