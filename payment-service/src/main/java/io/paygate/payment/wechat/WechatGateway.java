package io.paygate.payment.wechat;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.paygate.common.keys.PemKeys;
import io.paygate.events.Channel;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformTrade;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Calls WeChat Pay API v3 through wechatpay-java, in public-key mode. The SDK always addresses
 * WeChat Pay's own host; when a base URL is configured (the sandbox) an OkHttp interceptor
 * rewrites scheme, host and port, and nothing of the SDK is patched. Calls block, so they run on
 * the bounded elastic scheduler.
 */
@Component
@ConditionalOnProperty(name = "paygate.wechat.enabled", havingValue = "true")
public class WechatGateway implements PlatformGateway {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final WechatSettings settings;
    private final NativePayService nativePay;

    WechatGateway(WechatSettings settings) {
        this.settings = settings;
        var config = new RSAPublicKeyConfig.Builder()
                .merchantId(settings.mchid())
                .privateKey(PemKeys.base64Body(settings.merchantPrivateKey().read("paygate.wechat.merchant-private-key")))
                .merchantSerialNumber(settings.merchantSerial())
                .publicKey(PemKeys.base64Body(settings.publicKey().read("paygate.wechat.public-key")))
                .publicKeyId(settings.publicKeyId())
                .apiV3Key(settings.apiV3Key())
                .build();
        var http = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp(settings.baseUrl())).build();
        this.nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
    }

    static OkHttpClient okHttp(URI baseUrl) {
        var builder = new OkHttpClient.Builder()
                .connectTimeout(3, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS);
        if (baseUrl != null && baseUrl.getHost() != null) {
            HttpUrl target = HttpUrl.get(baseUrl.toString());
            builder.addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                    .url(chain.request().url().newBuilder()
                            .scheme(target.scheme()).host(target.host()).port(target.port()).build())
                    .build()));
        }
        return builder.build();
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public String appId() {
        return settings.appid();
    }

    /** Native (QR) prepay: the {@code weixin://wxpay/bizpayurl?…} URL the buyer scans. */
    public Mono<String> nativePay(String orderNo, String description, long amountFen, Instant deadline) {
        return Mono.fromCallable(() -> {
            var request = new PrepayRequest();
            request.setAppid(settings.appid());
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            request.setDescription(description);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setTimeExpire(RFC3339.format(deadline.atZone(BEIJING).toOffsetDateTime()));
            var amount = new Amount();
            amount.setTotal(Math.toIntExact(amountFen));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            return nativePay.prepay(request).getCodeUrl();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<PlatformTrade> query(String orderNo) {
        return Mono.fromCallable(() -> {
            var request = new QueryOrderByOutTradeNoRequest();
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            return trade(nativePay.queryOrderByOutTradeNo(request));
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(WechatGateway::failure);
    }

    @Override
    public Mono<PlatformTrade> close(String orderNo) {
        return Mono.fromCallable(() -> {
            var request = new CloseOrderRequest();
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            nativePay.closeOrder(request);
            return (PlatformTrade) new PlatformTrade.Closed(null);
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(WechatGateway::failure);
    }

    /** WeChat's {@code trade_state}, exhaustively. */
    static PlatformTrade trade(Transaction transaction) {
        if (transaction.getTradeState() == null) {
            return new PlatformTrade.Unknown("no trade_state");
        }
        return switch (transaction.getTradeState()) {
            case SUCCESS -> new PlatformTrade.Paid(transaction.getTransactionId(), transaction.getAmount().getTotal(),
                    OffsetDateTime.parse(transaction.getSuccessTime()).toInstant());
            case NOTPAY, USERPAYING, ACCEPT -> new PlatformTrade.Waiting(transaction.getTransactionId());
            case CLOSED, REVOKED, PAYERROR -> new PlatformTrade.Closed(transaction.getTransactionId());
            // paid and (partly) refunded since: still a payment that happened
            case REFUND -> new PlatformTrade.Paid(transaction.getTransactionId(), transaction.getAmount().getTotal(),
                    transaction.getSuccessTime() == null ? Instant.now() : OffsetDateTime.parse(transaction.getSuccessTime()).toInstant());
        };
    }

    /** WeChat's refusals carry an HTTP status and a code; anything else is not known. */
    private static Mono<PlatformTrade> failure(Throwable failure) {
        if (failure instanceof ServiceException refused) {
            if ("ORDER_NOT_EXIST".equals(refused.getErrorCode()) || refused.getHttpStatusCode() == 404) {
                return Mono.just(new PlatformTrade.NotFound());
            }
            if (refused.getHttpStatusCode() >= 500 || "SYSTEM_ERROR".equals(refused.getErrorCode())) {
                return Mono.just(new PlatformTrade.Unknown("WeChat Pay answered " + refused.getErrorCode()));
            }
            return Mono.just(new PlatformTrade.Refused(refused.getErrorCode(), refused.getErrorMessage()));
        }
        return Mono.just(new PlatformTrade.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }
}
