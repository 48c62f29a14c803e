package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md names the tests that prove each guarantee; every name it gives must be a
 * test that exists, in this module or another one's tests.
 */
class ReliabilityDocTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern TEST_NAME = Pattern.compile("`([A-Z][A-Za-z]+(?:IT|Test))`");

    @Test
    void everyTestTheReliabilityPageNamesExists() throws IOException {
        String page = Files.readString(MODULE.resolveSibling("docs").resolve("reliability.md"));
        var names = TEST_NAME.matcher(page).results().map(m -> m.group(1)).distinct().toList();

        assertThat(names).contains("DuplicateNotificationsIT", "BrokerKillIT", "LostNotificationsIT", "KafkaOutageIT",
                "PostgresRestartIT", "BoundaryCrashIT", "CheckerTest");
        try (var files = Files.walk(MODULE.getParent())) {
            var existing = files.filter(p -> p.toString().contains("/src/test/java/"))
                    .map(p -> p.getFileName().toString().replace(".java", "")).toList();
            assertThat(existing).containsAll(names);
        }
    }
}
