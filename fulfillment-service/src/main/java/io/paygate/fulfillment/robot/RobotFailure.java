package io.paygate.fulfillment.robot;

/**
 * The robot did not take a message. {@code permanent} when sending the same message again
 * cannot help (the receiver refused it: 4xx other than 408 and 429); otherwise it was away,
 * slow or failing (5xx, timeouts, refused connections) and a retry may succeed.
 */
public class RobotFailure extends RuntimeException {

    private final boolean permanent;

    RobotFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
