package io.paygate.payment.wechat;

import com.wechat.pay.java.core.AbstractRSAConfig;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.payments.app.AppService;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import io.paygate.common.keys.PemKeys;
import io.paygate.events.Channel;
import io.paygate.payment.platform.PlatformBill;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.payment.platform.RefundOrder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
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
    private final Clock clock;
    private final Signer signer;
    private final NativePayService nativePay;
    private final AppService appPay;
    private final JsapiService jsapiPay;
    private final H5Service h5Pay;
    private final RefundService refunds;
    private final BillDownloadServiceExtension bills;

    WechatGateway(WechatSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        OkHttpClient okHttp = okHttp(settings.baseUrl());
        String merchantKey = PemKeys.base64Body(settings.merchantPrivateKey().read("paygate.wechat.merchant-private-key"));
        AbstractRSAConfig config = switch (settings.verification()) {
            case PUBLIC_KEY -> new RSAPublicKeyConfig.Builder()
                    .merchantId(settings.mchid())
                    .privateKey(merchantKey)
                    .merchantSerialNumber(settings.merchantSerial())
                    .publicKey(PemKeys.base64Body(settings.publicKey().read("paygate.wechat.public-key")))
                    .publicKeyId(settings.publicKeyId())
                    .apiV3Key(settings.apiV3Key())
                    .build();
            // the SDK downloads the platform certificates at once (through the same redirecting client) and renews them
            case PLATFORM_CERTIFICATE -> new RSAAutoCertificateConfig.Builder()
                    .merchantId(settings.mchid())
                    .privateKey(merchantKey)
                    .merchantSerialNumber(settings.merchantSerial())
                    .apiV3Key(settings.apiV3Key())
                    .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(okHttp))
                    .build();
        };
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).build();
        this.signer = config.createSigner();
        // every builder gets the redirecting client; config(...) alone would make a production one (ref §1)
        this.nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
        this.appPay = new AppService.Builder().httpClient(http).build();
        this.jsapiPay = new JsapiService.Builder().httpClient(http).build();
        this.h5Pay = new H5Service.Builder().httpClient(http).build();
        this.refunds = new RefundService.Builder().httpClient(http).build();
        this.bills = new BillDownloadServiceExtension.Builder().config(config).httpClient(http).build();
    }

    /** Each wait on WeChat Pay's socket (docs/reliability.md, "Hostile input and limits"). */
    static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(3);
    static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(10);
    /** The whole call, so an answer trickling in a byte at a time cannot hold a thread beyond it. */
    static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(20);

    static OkHttpClient okHttp(URI baseUrl) {
        var builder = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .writeTimeout(READ_TIMEOUT)
                .callTimeout(CALL_TIMEOUT);
        if (baseUrl != null && baseUrl.getHost() != null) {
            HttpUrl target = HttpUrl.get(baseUrl.toString());
            // a base URL with a path (http://sandbox:8090/wechat) puts WeChat Pay's paths under it
            String prefix = target.encodedPath().endsWith("/")
                    ? target.encodedPath().substring(0, target.encodedPath().length() - 1) : target.encodedPath();
            builder.addInterceptor(chain -> {
                HttpUrl original = chain.request().url();
                return chain.proceed(chain.request().newBuilder()
                        .url(original.newBuilder()
                                .scheme(target.scheme()).host(target.host()).port(target.port())
                                .encodedPath(prefix + original.encodedPath())
                                .build())
                        .build());
            });
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
        return prepay(() -> {
            var request = new PrepayRequest();
            request.setAppid(settings.appid());
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            request.setDescription(description);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setTimeExpire(rfc3339(deadline));
            var amount = new Amount();
            amount.setTotal(Math.toIntExact(amountFen));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            return nativePay.prepay(request).getCodeUrl();
        });
    }

    /** APP prepay, then the signed parameters the app hands the WeChat OpenSDK. */
    public Mono<WechatInvocations.AppParams> appPay(String orderNo, String description, long amountFen, Instant deadline) {
        return prepay(() -> {
            var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
            request.setAppid(settings.appid());
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            request.setDescription(description);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setTimeExpire(rfc3339(deadline));
            var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
            amount.setTotal(Math.toIntExact(amountFen));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            String prepayId = appPay.prepay(request).getPrepayId();
            return WechatInvocations.app(signer, settings.appid(), settings.mchid(), prepayId, clock.instant());
        });
    }

    /** JSAPI prepay for the payer's openid (under our appid), then the signed parameters for the page. */
    public Mono<WechatInvocations.JsapiParams> jsapiPay(String orderNo, String description, long amountFen, Instant deadline,
                                                        String payerOpenid) {
        return prepay(() -> {
            var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
            request.setAppid(settings.appid());
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            request.setDescription(description);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setTimeExpire(rfc3339(deadline));
            var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
            amount.setTotal(Math.toIntExact(amountFen));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            var payer = new Payer();
            payer.setOpenid(payerOpenid);
            request.setPayer(payer);
            String prepayId = jsapiPay.prepay(request).getPrepayId();
            return WechatInvocations.jsapi(signer, settings.appid(), prepayId, clock.instant());
        });
    }

    /** H5 prepay: the {@code h5_url} a mobile browser outside WeChat opens (valid 5 minutes). */
    public Mono<String> h5Pay(String orderNo, String description, long amountFen, Instant deadline, String payerClientIp) {
        return prepay(() -> {
            var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
            request.setAppid(settings.appid());
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            request.setDescription(description);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setTimeExpire(rfc3339(deadline));
            var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
            amount.setTotal(Math.toIntExact(amountFen));
            amount.setCurrency("CNY");
            request.setAmount(amount);
            var h5 = new H5Info();
            h5.setType("Wap");
            var scene = new SceneInfo();
            scene.setPayerClientIp(payerClientIp);
            scene.setH5Info(h5);
            request.setSceneInfo(scene);
            return h5Pay.prepay(request).getH5Url();
        });
    }

    /** A business refusal keeps WeChat's code; anything else is left to the caller as a platform error. */
    private static <T> Mono<T> prepay(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> e instanceof ServiceException refused && refused.getHttpStatusCode() < 500
                                && refused.getErrorCode() != null,
                        e -> new PrepayRefused(((ServiceException) e).getErrorCode(), ((ServiceException) e).getErrorMessage()));
    }

    /** By {@code out_trade_no}: the same endpoint whatever the scene that opened the trade. */
    @Override
    public Mono<PlatformTrade> query(String orderNo) {
        return Mono.fromCallable(() -> {
            var request = new QueryOrderByOutTradeNoRequest();
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            return WechatMapping.trade(nativePay.queryOrderByOutTradeNo(request));
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> Mono.just(WechatMapping.tradeFailure(e)));
    }

    @Override
    public Mono<PlatformTrade> close(String orderNo) {
        return Mono.fromCallable(() -> {
            var request = new CloseOrderRequest();
            request.setMchid(settings.mchid());
            request.setOutTradeNo(orderNo);
            nativePay.closeOrder(request);
            return (PlatformTrade) new PlatformTrade.Closed(null);
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> Mono.just(WechatMapping.tradeFailure(e)));
    }

    /**
     * {@code POST /v3/refund/domestic/refunds} with {@code out_refund_no} = our refund number and
     * {@code amount.total} = what was paid. A fresh refund normally answers {@code PROCESSING}.
     */
    @Override
    public Mono<PlatformRefund> refund(RefundOrder order) {
        return Mono.fromCallable(() -> {
            var request = new CreateRequest();
            request.setOutTradeNo(order.orderNo());
            request.setOutRefundNo(order.refundNo());
            request.setReason(order.reason());
            if (settings.refundNotifyUrl() != null) {
                request.setNotifyUrl(settings.refundNotifyUrl().toString());
            }
            var amount = new AmountReq();
            amount.setRefund(order.amountFen());
            amount.setTotal(order.paidFen());
            amount.setCurrency("CNY");
            request.setAmount(amount);
            return WechatMapping.refund(refunds.create(request));
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> Mono.just(WechatMapping.refundFailure(e, false)));
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
    @Override
    public Mono<PlatformRefund> refundQuery(String orderNo, String refundNo) {
        return Mono.fromCallable(() -> {
            var request = new QueryByOutRefundNoRequest();
            request.setOutRefundNo(refundNo);
            return WechatMapping.refund(refunds.queryByOutRefundNo(request));
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> Mono.just(WechatMapping.refundFailure(e, true)));
    }

    /**
     * {@code GET /v3/bill/tradebill} (all rows of the day), then the file through the SDK, which
     * digests it while it is read; the SHA-1 is checked only after the whole file was read.
     */
    @Override
    public Mono<PlatformBill> tradeBill(LocalDate day) {
        return Mono.fromCallable(() -> {
            var request = new GetTradeBillRequest();
            request.setBillDate(day.toString());
            request.setBillType(BillType.ALL);
            var entity = bills.getTradeBill(request);
            String text;
            try (var in = entity.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!entity.verifyHash()) {
                return (PlatformBill) new PlatformBill.Unknown("the bill file does not match its hash_value");
            }
            var parsed = WechatBill.parse(text);
            return new PlatformBill.Bill(parsed.rows(), parsed.totals());
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> Mono.just(billFailure(e)));
    }

    private static PlatformBill billFailure(Throwable failure) {
        if (failure instanceof ServiceException refused && refused.getHttpStatusCode() < 500 && refused.getHttpStatusCode() != 429) {
            return new PlatformBill.NoBill(refused.getErrorCode());
        }
        return new PlatformBill.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static String rfc3339(Instant deadline) {
        return RFC3339.format(deadline.atZone(BEIJING).toOffsetDateTime());
    }
}
