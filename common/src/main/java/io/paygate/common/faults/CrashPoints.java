package io.paygate.common.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Named places where a service may be made to die on purpose, so a test can prove that a crash
 * exactly there loses nothing and does nothing twice (issue #7, "a service killed at each
 * boundary").
 *
 * <p>They exist only in a JVM started with the system property {@value #CONTROL_FILE_PROPERTY}
 * naming a file; without it {@link #reach} returns at once and nothing is read. With it, a
 * test arms one crash by writing the point's name into that file ({@code point} or
 * {@code point:detail}, e.g. {@code outbox.after-publish:OrderPaid}). The first thread to reach
 * the armed point deletes the file (disarming it, so the restarted service runs on) and halts
 * the JVM at once with {@value #EXIT_CODE}: no shutdown hook, no flush, no commit — what
 * SIGKILL or a power cut does to a process.
 */
public final class CrashPoints {

    /** The system property naming the control file. Never set in production. */
    public static final String CONTROL_FILE_PROPERTY = "paygate.crash-points.file";

    /** The exit code of a JVM halted at a crash point. */
    public static final int EXIT_CODE = 86;

    private static final Path CONTROL = controlFile();

    private CrashPoints() {
    }

    /** True when this JVM was started with crash points. */
    public static boolean enabled() {
        return CONTROL != null;
    }

    /** Dies here if this point is armed. */
    public static void reach(String point) {
        if (CONTROL != null) {
            crashIfArmed(point, null);
        }
    }

    /** Dies here if this point is armed for any detail or for this one (e.g. an event type). */
    public static void reach(String point, String detail) {
        if (CONTROL != null) {
            crashIfArmed(point, detail);
        }
    }

    private static void crashIfArmed(String point, String detail) {
        String armed;
        try {
            armed = Files.readString(CONTROL, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            return;
        }
        boolean matches = armed.equals(point) || (detail != null && armed.equals(point + ":" + detail));
        if (!matches) {
            return;
        }
        try {
            Files.delete(CONTROL);
        } catch (IOException e) {
            // another thread took it first, or it went away: only the one that deleted it halts
            return;
        }
        // straight to stderr, not the logger: an appender may buffer, and halt() flushes nothing
        System.err.println("crash point " + armed + " reached: halting with " + EXIT_CODE);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }

    private static Path controlFile() {
        String file = System.getProperty(CONTROL_FILE_PROPERTY);
        return file == null || file.isBlank() ? null : Path.of(file);
    }
}
