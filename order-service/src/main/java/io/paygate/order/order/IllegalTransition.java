package io.paygate.order.order;

/** A move the order's current state does not allow. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(String orderNo, OrderStatus from, String move) {
        super("order " + orderNo + " is " + from + " and cannot " + move);
    }
}
