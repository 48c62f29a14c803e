package io.paygate.fulfillment.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.devstack.SilentServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The chat robot's webhook gives up on a server that accepts the connection and never answers. */
class RobotTimeoutTest {

    @Test
    void aWebhookThatNeverAnswersIsGivenUpOnAfterTheConfiguredTimeoutAndRetried() {
        Duration timeout = Duration.ofSeconds(2);
        try (var silent = new SilentServer()) {
            var robot = new Robot(new RobotSettings(silent.uri("/robot/send?access_token=t").toString(), "s3cret", timeout),
                    Clock.systemUTC());

            long started = System.nanoTime();
            assertThatThrownBy(() -> robot.post("message-1", "{\"msgtype\":\"text\"}"))
                    .isInstanceOf(RobotFailure.class)
                    .satisfies(failure -> assertThat(((RobotFailure) failure).permanent()).as("worth retrying").isFalse());
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(silent.connections()).isEqualTo(1);
            assertThat(waited).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(10));
        }
    }
}
