package io.paygate.notify.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local TCP listener that counts every connection made to it and answers nothing. An XXE
 * payload points its external entity (and DTD) at {@link #url(String)}: a parser that resolved
 * anything would connect here, so a count of zero after the request shows none did.
 */
public final class ConnectionCanary implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    public ConnectionCanary() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("connection-canary").start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int connections() {
        return connections.get();
    }

    /**
     * Connects once itself and waits until that connection is counted, so a test knows the
     * canary would have seen a parser's connection; returns the count to compare against.
     */
    public int probed() {
        int before = connections.get();
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            probe.getInputStream().read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (connections.get() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (connections.get() != before + 1) {
            throw new IllegalStateException("the canary did not count a connection made to it");
        }
        return before + 1;
    }

    /** A document that makes a resolving XML parser fetch both an external DTD and an external entity from this canary. */
    public String xxe(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE xml SYSTEM \"" + url("/dtd") + "\" [\n"
                + "  <!ENTITY % remote SYSTEM \"" + url("/param") + "\"> %remote;\n"
                + "  <!ENTITY xxe SYSTEM \"" + url("/entity") + "\">\n"
                + "]>\n<xml>" + inner + "<leak>&xxe;</leak></xml>";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
