package io.paygate.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one service's own {@code main} in a JVM of its own, with the arguments the local run
 * wrote into a file (one per line) rather than on the command line, where every user of the
 * machine could read the passwords among them. Used by {@link ServiceProcess}.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    /** @param args the application's main class and the file holding its arguments */
    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ServiceMain <application main class> <arguments file>");
        }
        String[] own = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isEmpty()).toArray(String[]::new);
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) own);
    }
}
