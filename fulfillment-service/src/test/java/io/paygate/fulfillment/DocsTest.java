package io.paygate.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.fulfillment.robot.Robot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/fulfillment.md names the service's settings and the robot's headers; this keeps it true. */
class DocsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void everyFulfillmentSettingAndEnvironmentVariableIsDocumented() throws IOException {
        String doc = Files.readString(DOCS.resolve("fulfillment.md"));
        String yml = Files.readString(Path.of("src/main/resources/fulfillment-service.yml"));
        Map<String, Object> config = new Yaml().load(yml);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> fulfillment =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) config.get("paygate")).get("fulfillment");
        fulfillment.forEach((feature, keys) -> keys.keySet().forEach(key ->
                assertThat(doc).as("docs/fulfillment.md").contains("`paygate.fulfillment." + feature + "." + key + "`")));
        var variables = PLACEHOLDER.matcher(yml);
        while (variables.find()) {
            String variable = variables.group(1);
            if (variable.startsWith("PAYGATE_MAIL") || variable.startsWith("PAYGATE_ROBOT") || variable.startsWith("PAYGATE_DELIVERY")
                    || variable.startsWith("PAYGATE_ADMIN")) {
                assertThat(doc).as("docs/fulfillment.md names %s", variable).contains(variable);
            }
        }
    }

    @Test
    void theRobotsHeadersAreTheOnesDocumented() throws IOException {
        String doc = Files.readString(DOCS.resolve("fulfillment.md"));

        assertThat(doc).contains("`" + Robot.TIMESTAMP_HEADER + "`", "`" + Robot.SIGNATURE_HEADER + "`",
                "`" + Robot.MESSAGE_ID_HEADER + "`", Robot.TIMESTAMP_HEADER + " + \".\" + body");
    }

    @Test
    void theRunbookNamesTheDeadLetterHeadersTheServiceWrites() throws IOException {
        String runbook = Files.readString(DOCS.resolve("runbooks/replay-dead-letter.md"));

        assertThat(runbook).contains("paygate_dlt-effect", "paygate_dlt-attempts", "kafka_dlt-exception-message",
                "kafka_dlt-original-topic", "paygate.order.v1.fulfillment-service.dlt", "paygate.payment.v1.fulfillment-service.dlt");
    }
}
