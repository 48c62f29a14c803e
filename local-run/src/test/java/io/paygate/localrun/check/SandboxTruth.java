package io.paygate.localrun.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platforms' ground truth, read from the sandbox's controls ({@code /sandbox/<platform>/trades}).
 * One {@link Platform} per platform the sandbox plays: its path and how one of its trade views
 * reads as a {@link PlatformTrade}. A platform whose endpoint answers 404 (not played by this
 * sandbox yet) contributes nothing.
 */
public final class SandboxTruth {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How one platform's trades are read. */
    public record Platform(String path, Function<JsonNode, PlatformTrade> reading) {
    }

    /** {@code SandboxControls.TradeView}: {@code paidAt} stays set after a full refund closes the trade. */
    public static final Platform ALIPAY = new Platform("/sandbox/alipay/trades", trade -> new PlatformTrade(
            "ALIPAY",
            trade.get("outTradeNo").asString(),
            trade.path("tradeNo").asString(null),
            trade.get("totalAmountFen").asLong(),
            !trade.path("paidAt").isNull() && !trade.path("paidAt").isMissingNode(),
            trade.path("refundedFen").asLong(0),
            "TRADE_CLOSED".equals(trade.get("status").asString())));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String sandboxBaseUrl;
    private final List<Platform> platforms;

    /**
     * @param platforms the platforms to ask; add the WeChat Pay reading here once the sandbox
     *                  serves {@code /sandbox/wechat/trades}
     */
    public SandboxTruth(String sandboxBaseUrl, List<Platform> platforms) {
        this.sandboxBaseUrl = sandboxBaseUrl;
        this.platforms = List.copyOf(platforms);
    }

    public List<PlatformTrade> trades() {
        var all = new ArrayList<PlatformTrade>();
        for (Platform platform : platforms) {
            JsonNode trades = get(platform.path());
            if (trades != null) {
                trades.forEach(trade -> all.add(platform.reading().apply(trade)));
            }
        }
        return all;
    }

    private JsonNode get(String path) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(sandboxBaseUrl + path)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sandbox " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
