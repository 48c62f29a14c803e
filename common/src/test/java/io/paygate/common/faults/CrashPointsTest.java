package io.paygate.common.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash points in a real child JVM: halted only where armed, once, and never without the property. */
class CrashPointsTest {

    @TempDir
    Path dir;

    @Test
    void anArmedPointHaltsTheJvmWithItsCodeAndDisarmsItself() throws Exception {
        Path control = dir.resolve("crash");
        Files.writeString(control, "demo.second");

        Result result = run(control, "demo.first", "demo.second", "demo.third");

        assertThat(result.exitCode()).isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(result.output()).contains("passed demo.first").doesNotContain("passed demo.second")
                .doesNotContain("passed demo.third").contains("crash point demo.second reached");
        assertThat(control).doesNotExist();
    }

    @Test
    void aPointArmedForOneDetailIgnoresOthers() throws Exception {
        Path control = dir.resolve("crash");
        Files.writeString(control, "demo.point:B\n");

        Result result = run(control, "demo.point:A", "demo.point:B", "demo.point:C");

        assertThat(result.exitCode()).isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(result.output()).contains("passed demo.point:A").doesNotContain("passed demo.point:B");
    }

    @Test
    void unarmedPointsAndJvmsWithoutThePropertyRunOn() throws Exception {
        Path control = dir.resolve("crash");
        Files.writeString(control, "demo.other");
        assertThat(run(control, "demo.first").exitCode()).isZero();
        assertThat(control).exists();

        Result withoutProperty = run(null, "demo.other");
        assertThat(withoutProperty.exitCode()).isZero();
        assertThat(withoutProperty.output()).contains("passed demo.other").contains("enabled=false");
    }

    private static Result run(Path control, String... points) throws Exception {
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (control != null) {
            command.add("-D" + CrashPoints.CONTROL_FILE_PROPERTY + "=" + control);
        }
        command.add(Reacher.class.getName());
        command.addAll(List.of(points));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Reaches each point given ({@code point} or {@code point:detail}) in turn. */
    public static final class Reacher {

        public static void main(String[] args) {
            System.out.println("enabled=" + CrashPoints.enabled());
            for (String arg : args) {
                int colon = arg.indexOf(':');
                if (colon < 0) {
                    CrashPoints.reach(arg);
                } else {
                    CrashPoints.reach(arg.substring(0, colon), arg.substring(colon + 1));
                }
                System.out.println("passed " + arg);
                System.out.flush();
            }
        }
    }
}
