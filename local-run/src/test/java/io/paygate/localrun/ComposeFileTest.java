package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine where the tests run, so this reads docker-compose.yml instead:
 * every environment variable given to a paygate service must be one its configuration reads,
 * either a {@code ${NAME}} placeholder in its {@code <service>.yml} or the relaxed-binding form
 * of a key set there. A misspelt variable would otherwise be silently ignored in production.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceVariableIsARealConfigurationKeyOfThatService() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        int checked = 0;
        for (var entry : services.entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (!(service.get("build") instanceof Map<?, ?> build) || service.get("environment") == null) {
                continue;
            }
            String module = (String) ((Map<String, Object>) build.get("args")).get("MODULE");
            assertThat(module).as(entry.getKey()).isEqualTo(entry.getKey());
            Set<String> known = knownVariables(ROOT.resolve(module).resolve("src/main/resources").resolve(module + ".yml"));
            for (String variable : ((Map<String, Object>) service.get("environment")).keySet()) {
                assertThat(known).as("%s sets %s, which %s.yml does not read", entry.getKey(), variable, module)
                        .contains(variable);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void everyServiceModuleIsInTheComposeFile() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String module : new String[] {"order-service", "payment-service", "notify-ingress", "fulfillment-service", "platform-sandbox"}) {
            assertThat(compose).contains("MODULE: " + module);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> knownVariables(Path serviceYaml) throws IOException {
        String text = Files.readString(serviceYaml);
        var known = new HashSet<String>();
        var placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            known.add(placeholders.group(1));
        }
        flatten("", new Yaml().load(text), known);
        return known;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> known) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, known));
        } else {
            known.add(prefix.replace('.', '_').replace("-", "").toUpperCase());
        }
    }
}
