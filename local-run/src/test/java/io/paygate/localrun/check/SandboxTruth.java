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
 * reads as a {@link PlatformTrade}. A platform whose endpoint answers 404 (its half of the
 * sandbox switched off) contributes nothing.
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
            present(trade.path("paidAt")),
            trade.path("refundedFen").asLong(0),
            "TRADE_CLOSED".equals(trade.get("status").asString())));

    /**
     * {@code WechatControls.TradeView}: {@code successTime} stays set after refunds (the state
     * then reads REFUND, still paid); the platform's trade number is the {@code transactionId}.
     */
    public static final Platform WECHAT = new Platform("/sandbox/wechat/trades", trade -> new PlatformTrade(
            "WECHAT",
            trade.get("outTradeNo").asString(),
            trade.path("transactionId").asString(null),
            trade.get("totalFen").asLong(),
            present(trade.path("successTime")) || "SUCCESS".equals(trade.get("state").asString())
                    || "REFUND".equals(trade.get("state").asString()),
            trade.path("refundedFen").asLong(0),
            "CLOSED".equals(trade.get("state").asString())));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String sandboxBaseUrl;
    private final List<Platform> platforms;

    /** @param platforms the platforms to ask, e.g. {@link #ALIPAY} and {@link #WECHAT} */
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

    private static boolean present(JsonNode value) {
        return !value.isNull() && !value.isMissingNode();
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
