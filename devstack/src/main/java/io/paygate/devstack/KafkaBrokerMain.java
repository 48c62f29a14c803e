package io.paygate.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The single-node KRaft broker of {@link EmbeddedKafka} as a process of its own, started by
 * {@link ProcessKafka}: {@code KafkaBrokerMain <data dir> <port> <controller port>}. SIGTERM
 * stops it cleanly; SIGKILL is a crash.
 */
public final class KafkaBrokerMain {

    /** Printed once the broker is up, for people reading the broker's log. */
    static final String READY = "paygate-broker-ready";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <data dir> <port> <controller port>");
            System.exit(2);
        }
        var broker = new EmbeddedKafka(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "kafka-broker-stop"));
        System.out.println(READY + " " + broker.bootstrapServers());
        stopped.await();
    }
}
