package io.paygate.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import io.paygate.common.keys.PemKeys;
import io.paygate.common.money.Yuan;
import java.security.Security;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls Alipay through alipay-sdk-java. SDK calls block, so they run on the bounded elastic
 * scheduler, never on an event-loop thread.
 */
@Component
@ConditionalOnProperty(name = "paygate.alipay.enabled", havingValue = "true", matchIfMissing = true)
public class AlipayGateway {

    /** Alipay's times are Beijing time whatever the JVM's zone. */
    static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String CERTPATH_PROPERTY = "jdk.certpath.disabledAlgorithms";

    private final AlipayClient client;
    private final AlipaySettings settings;

    AlipayGateway(AlipaySettings settings) throws AlipayApiException {
        this.settings = settings;
        this.client = createClient(settings);
    }

    /**
     * Loading the SDK's client class empties the JVM-wide {@code jdk.certpath.disabledAlgorithms}
     * (a static initializer), which would switch off the JDK's certificate algorithm checks for
     * every TLS connection of this process. Load it, then put the property back.
     */
    static AlipayClient createClient(AlipaySettings settings) throws AlipayApiException {
        String original = Security.getProperty(CERTPATH_PROPERTY);
        try {
            var config = new AlipayConfig();
            config.setServerUrl(settings.gatewayUrl().toString());
            config.setAppId(settings.appId());
            config.setPrivateKey(PemKeys.base64Body(settings.appPrivateKey().read("paygate.alipay.app-private-key")));
            config.setAlipayPublicKey(PemKeys.base64Body(settings.alipayPublicKey().read("paygate.alipay.alipay-public-key")));
            config.setSignType("RSA2");
            config.setCharset("utf-8");
            config.setFormat("json");
            return new DefaultAlipayClient(config);
        } finally {
            if (original != null) {
                Security.setProperty(CERTPATH_PROPERTY, original);
            }
        }
    }

    /** What a browser needs to reach Alipay's PC cashier. */
    public record PagePay(String formHtml, String redirectUrl) {
    }

    /**
     * {@code alipay.trade.page.pay}: the auto-submitting form and the equivalent GET URL. The
     * order's deadline goes to Alipay as {@code time_expire}, so a cashier left open cannot take
     * money after paygate gave up on the order.
     */
    public Mono<PagePay> pagePay(String orderNo, String subject, long amountFen, Instant deadline) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradePagePayModel();
            model.setOutTradeNo(orderNo);
            model.setTotalAmount(Yuan.format(amountFen));
            model.setSubject(subject);
            model.setProductCode("FAST_INSTANT_TRADE_PAY");
            model.setTimeExpire(ALIPAY_TIME.format(deadline.atZone(ALIPAY_ZONE)));
            var request = new AlipayTradePagePayRequest();
            request.setBizModel(model);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setReturnUrl(settings.returnUrl().toString());
            String form = client.pageExecute(request, "POST").getBody();
            String url = client.pageExecute(request, "GET").getBody();
            return new PagePay(form, url);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
