package io.paygate.fulfillment.delivery;

import java.time.Instant;

/**
 * The consumed event an effect comes from, kept as it arrived so that a failed effect can be
 * dead-lettered as that event: replaying it later re-queues exactly the effects that failed.
 *
 * @param topic  where it was consumed from
 * @param key    the record key, the order number
 * @param id     {@code ce_id}
 * @param type   {@code ce_type}
 * @param source {@code ce_source}
 * @param time   {@code ce_time}
 * @param body   the JSON body
 */
public record EventOrigin(String topic, String key, String id, String type, String source, Instant time, String body) {
}
