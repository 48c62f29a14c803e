package io.paygate.fulfillment.orders;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.fulfillment.admin.AdminMessages;
import io.paygate.fulfillment.delivery.Effects;
import io.paygate.fulfillment.delivery.EventOrigin;
import io.paygate.fulfillment.delivery.PlannedEffect;
import io.paygate.fulfillment.robot.Robot;
import io.paygate.fulfillment.robot.RobotMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Acts on one consumed event, once. In one transaction: the event id is claimed, the fact is
 * claimed, and the mails and robot message are queued as pending effects. After the commit the
 * admins get the live message and the delivery worker is woken. Nothing here waits for SMTP or
 * the robot, so the consumer goes on with the next record while they are away.
 *
 * <p>An event id seen before is a repeat and changes nothing, with one exception: if some of its
 * effects were dead-lettered, the repeat is a replay from the dead-letter topic and re-queues
 * them (never the ones that were delivered).
 */
@Component
class Reactions {

    private static final Logger log = LoggerFactory.getLogger(Reactions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    enum Outcome {
        APPLIED,
        DUPLICATE_EVENT,
        ALREADY_HANDLED,
        REPLAYED
    }

    private final ProcessedEvents processed;
    private final Facts facts;
    private final Effects effects;
    private final AdminMessages admin;
    private final Robot robot;
    private final TransactionalOperator tx;
    private final Clock clock;

    Reactions(ProcessedEvents processed, Facts facts, Effects effects, AdminMessages admin, Robot robot,
              TransactionalOperator tx, Clock clock) {
        this.processed = processed;
        this.facts = facts;
        this.effects = effects;
        this.admin = admin;
        this.robot = robot;
        this.tx = tx;
        this.clock = clock;
    }

    /** Blocks the listener thread (never an event loop) until the transaction is done. */
    Outcome react(EventOrigin origin, Reaction reaction) {
        Outcome outcome = tx.transactional(processed.claim(origin.id()).flatMap(first -> first
                        ? facts.claim(reaction.factKey(), origin.id(), reaction.orderNo(), clock.instant())
                                .flatMap(newFact -> newFact
                                        ? effects.schedule(origin, reaction.factKey(), reaction.orderNo(), planned(origin, reaction))
                                                .thenReturn(Outcome.APPLIED)
                                        : Mono.just(Outcome.ALREADY_HANDLED))
                        : effects.revive(origin.id()).map(revived -> revived > 0 ? Outcome.REPLAYED : Outcome.DUPLICATE_EVENT)))
                .block(TIMEOUT);
        switch (outcome) {
            case APPLIED -> {
                // after the commit: a message must never announce something that rolled back
                admin.publish(reaction.kind(), reaction.orderNo(), reaction.line(), reaction.amountFen(), reaction.link());
                effects.wake();
                log.atInfo().addKeyValue("orderNo", reaction.orderNo()).addKeyValue("eventId", origin.id())
                        .log("order {}: {} announced to the admins, mails queued", reaction.orderNo(), reaction.kind());
            }
            case REPLAYED -> {
                effects.wake();
                log.atWarn().addKeyValue("orderNo", reaction.orderNo()).addKeyValue("eventId", origin.id())
                        .log("order {}: event {} replayed; its dead-lettered effects are queued again", reaction.orderNo(), origin.id());
            }
            case DUPLICATE_EVENT -> log.atInfo().addKeyValue("orderNo", reaction.orderNo()).addKeyValue("eventId", origin.id())
                    .log("order {}: event {} already processed; ignoring the repeat", reaction.orderNo(), origin.id());
            case ALREADY_HANDLED -> log.atInfo().addKeyValue("orderNo", reaction.orderNo()).addKeyValue("eventId", origin.id())
                    .log("order {}: {} already handled under another event id; ignoring {}", reaction.orderNo(),
                            reaction.factKey(), origin.id());
        }
        return outcome;
    }

    private List<PlannedEffect> planned(EventOrigin origin, Reaction reaction) {
        var planned = new ArrayList<>(reaction.mails());
        if (robot.enabled()) {
            planned.add(PlannedEffect.robotMessage(robot.body(new RobotMessage(origin.id(), reaction.kind().name(),
                    reaction.orderNo(), reaction.line(), reaction.amountFen(), reaction.link(), clock.instant()))));
        }
        return planned;
    }
}
