package io.paygate.events;

/** Every event type that can appear on {@code paygate.notify.raw.v1}. */
public sealed interface NotificationEvent extends Event permits NotificationReceived {
}
