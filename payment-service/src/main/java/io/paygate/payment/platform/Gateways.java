package io.paygate.payment.platform;

import io.paygate.events.Channel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The platforms this deployment has enabled. */
@Component
public class Gateways {

    private final List<PlatformGateway> gateways;

    Gateways(List<PlatformGateway> gateways) {
        this.gateways = List.copyOf(gateways);
    }

    public Optional<PlatformGateway> of(Channel channel) {
        return gateways.stream().filter(gateway -> gateway.channel() == channel).findFirst();
    }
}
