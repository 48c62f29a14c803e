package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import io.paygate.payment.SandboxStack;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.payment.platform.RefundOrder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * payment-service's WeChat gateway through the unmodified wechatpay-java against the sandbox's
 * WeChat Pay API v3, in both verification modes: the WeChat Pay public key, and the platform
 * certificates the SDK downloads from {@code /v3/certificates} itself.
 */
class WechatGatewayIT {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static WechatGateway certificateModeGateway;

    private static WechatGateway gateway(WechatSettings.Verification verification) {
        if (verification == WechatSettings.Verification.PLATFORM_CERTIFICATE) {
            // one certificate downloader per merchant and JVM, as wechatpay-java keeps them
            synchronized (WechatGatewayIT.class) {
                if (certificateModeGateway == null) {
                    certificateModeGateway = new WechatGateway(settings(verification), Clock.systemUTC());
                }
                return certificateModeGateway;
            }
        }
        return new WechatGateway(settings(verification), Clock.systemUTC());
    }

    private static WechatSettings settings(WechatSettings.Verification verification) {
        return new WechatSettings(true, SandboxStack.WECHAT_MCHID, SandboxStack.WECHAT_APPID, SandboxStack.WECHAT_SERIAL,
                new KeySource(PemKeys.toPem(SandboxStack.WECHAT_MERCHANT.getPrivate()), null), SandboxStack.WECHAT_API_V3_KEY,
                verification, SandboxStack.WECHAT_PUBLIC_KEY_ID,
                new KeySource(PemKeys.toPem(SandboxStack.WECHAT_PLATFORM.getPublic()), null),
                URI.create(SandboxStack.get().baseUrl()), URI.create("http://127.0.0.1:9/notify/wechat/payment"),
                URI.create("http://127.0.0.1:9/notify/wechat/refund"));
    }

    private static String newOrderNo() {
        return "20261126" + String.format("%06d", SEQUENCE.incrementAndGet() % 1_000_000) + String.format("%06d", System.nanoTime() % 1_000_000);
    }

    @ParameterizedTest
    @EnumSource(WechatSettings.Verification.class)
    void nativePrepayQueryPayAndRefundPartlyTwice(WechatSettings.Verification verification) {
        var wechat = gateway(verification);
        String orderNo = newOrderNo();

        String codeUrl = wechat.nativePay(orderNo, "年度会员", 8888, Instant.now().plusSeconds(900)).block(WAIT);
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(wechat.query(orderNo).block(WAIT)).isInstanceOf(PlatformTrade.Waiting.class);

        SandboxStack.get().payWechat(orderNo);
        var paid = (PlatformTrade.Paid) wechat.query(orderNo).block(WAIT);
        assertThat(paid.amountFen()).isEqualTo(8888);

        PlatformRefund first = wechat.refund(new RefundOrder(orderNo, orderNo + "R1", 1000, 8888, "部分退款")).block(WAIT);
        assertThat(first).isInstanceOfAny(PlatformRefund.Processing.class, PlatformRefund.Succeeded.class);
        // the same refund number again is the same refund, not a second one
        wechat.refund(new RefundOrder(orderNo, orderNo + "R1", 1000, 8888, "部分退款")).block(WAIT);
        wechat.refund(new RefundOrder(orderNo, orderNo + "R2", 2000, 8888, "部分退款")).block(WAIT);
        PlatformRefund tooMuch = wechat.refund(new RefundOrder(orderNo, orderNo + "R3", 8000, 8888, "超额")).block(WAIT);
        assertThat(tooMuch).isInstanceOf(PlatformRefund.Refused.class);

        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                wechat.refundQuery(orderNo, orderNo + "R2").block(WAIT) instanceof PlatformRefund.Succeeded);
        assertThat(SandboxStack.get().wechatTrade(orderNo)).contains("\"refundedFen\":3000");
        assertThat(wechat.refundQuery(orderNo, orderNo + "R9").block(WAIT)).isInstanceOf(PlatformRefund.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(WechatSettings.Verification.class)
    void closingAnUnpaidOrderClosesItAndAPaidOneIsRefused(WechatSettings.Verification verification) {
        var wechat = gateway(verification);
        String unpaid = newOrderNo();
        wechat.nativePay(unpaid, "x", 100, Instant.now().plusSeconds(900)).block(WAIT);

        assertThat(wechat.close(unpaid).block(WAIT)).isInstanceOf(PlatformTrade.Closed.class);
        assertThat(wechat.query(unpaid).block(WAIT)).isInstanceOf(PlatformTrade.Closed.class);

        String paid = newOrderNo();
        wechat.nativePay(paid, "x", 100, Instant.now().plusSeconds(900)).block(WAIT);
        SandboxStack.get().payWechat(paid);
        assertThat(wechat.close(paid).block(WAIT)).isInstanceOf(PlatformTrade.Refused.class);
        assertThat(wechat.query(newOrderNo()).block(WAIT)).isInstanceOf(PlatformTrade.NotFound.class);
    }

    @Test
    void appJsapiAndH5PrepaysAnswerWhatTheirClientsNeed() {
        var wechat = gateway(WechatSettings.Verification.PUBLIC_KEY);

        var app = wechat.appPay(newOrderNo(), "x", 100, Instant.now().plusSeconds(900)).block(WAIT);
        assertThat(app.prepayid()).isNotBlank();
        assertThat(app.partnerid()).isEqualTo(SandboxStack.WECHAT_MCHID);
        var jsapi = wechat.jsapiPay(newOrderNo(), "x", 100, Instant.now().plusSeconds(900), "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").block(WAIT);
        assertThat(jsapi.packageValue()).startsWith("prepay_id=");
        String h5 = wechat.h5Pay(newOrderNo(), "x", 100, Instant.now().plusSeconds(900), "203.0.113.7").block(WAIT);
        assertThat(h5).contains("/sandbox/wechat/h5/checkmweb?prepay_id=");
    }
}
