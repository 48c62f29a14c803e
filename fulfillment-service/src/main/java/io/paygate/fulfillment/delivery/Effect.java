package io.paygate.fulfillment.delivery;

/** A pending effect a worker has claimed, with the attempt it is on (1 for the first). */
record Effect(long id, String factKey, EffectKind kind, String orderNo, String payload, int attempt, String lastError,
              EventOrigin origin) {
}
