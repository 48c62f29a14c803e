package io.paygate.fulfillment.delivery;

/** What a pending effect sends. */
public enum EffectKind {
    /** A mail to the customer (receipt, refund notice). */
    CUSTOMER_MAIL,
    /** A mail to the configured admins (an alert). */
    ADMIN_MAIL,
    /** A signed POST to the chat robot. */
    ROBOT_MESSAGE
}
