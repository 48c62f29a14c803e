package io.paygate.fulfillment.admin;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends the admin streams when the service stops. Admin streams never end by themselves, so
 * without this graceful shutdown would wait its whole timeout for admins to disconnect.
 */
@Component
class AdminStreamShutdown implements SmartLifecycle {

    /*
     * Stops after the Kafka listener containers (Integer.MAX_VALUE - 100), so no message is
     * published into closed streams, and before the web server's graceful shutdown
     * (SmartLifecycle.DEFAULT_PHASE - 1024), which waits for open requests.
     */
    private static final int PHASE = Integer.MAX_VALUE - 200;

    private final AdminMessages messages;
    private volatile boolean running;

    AdminStreamShutdown(AdminMessages messages) {
        this.messages = messages;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        messages.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
