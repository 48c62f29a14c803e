package io.paygate.payment.alipay;

import io.paygate.events.Channel;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformBill;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.payment.platform.RefundOrder;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.common.keys.PemKeys;
import io.paygate.common.money.Yuan;
import java.security.Security;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
public class AlipayGateway implements PlatformGateway {

    /** Alipay's times are Beijing time whatever the JVM's zone. */
    static final ZoneId ALIPAY_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String CERTPATH_PROPERTY = "jdk.certpath.disabledAlgorithms";

    private final AlipayClient client;
    private final AlipaySettings settings;

    AlipayGateway(AlipaySettings settings) throws AlipayApiException {
        this.settings = settings;
        this.client = AlipayClients.create(settings);
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

    @Override
    public Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    public String appId() {
        return settings.appId();
    }

    /** {@code alipay.trade.query} by our order number. */
    @Override
    public Mono<PlatformTrade> query(String orderNo) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeQueryModel();
            model.setOutTradeNo(orderNo);
            var request = new AlipayTradeQueryRequest();
            request.setBizModel(model);
            AlipayTradeQueryResponse response = client.execute(request);
            if (!response.isSuccess()) {
                return AlipayMapping.refusal(response.getSubCode(), response.getSubMsg());
            }
            return AlipayMapping.trade(response.getTradeStatus(), response.getTradeNo(), response.getTotalAmount(),
                    response.getSendPayDate());
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(AlipayGateway::unknown);
    }

    /**
     * {@code alipay.trade.close}: only an unpaid trade closes. A never-opened cashier has no
     * trade ({@link PlatformTrade.NotFound}); it cannot be paid later because every request carries
     * the order's deadline as {@code time_expire}.
     */
    @Override
    public Mono<PlatformTrade> close(String orderNo) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeCloseModel();
            model.setOutTradeNo(orderNo);
            var request = new AlipayTradeCloseRequest();
            request.setBizModel(model);
            AlipayTradeCloseResponse response = client.execute(request);
            if (!response.isSuccess()) {
                return AlipayMapping.refusal(response.getSubCode(), response.getSubMsg());
            }
            return (PlatformTrade) new PlatformTrade.Closed(response.getTradeNo());
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(AlipayGateway::unknown);
    }

    /**
     * {@code alipay.trade.refund} with {@code out_request_no} = our refund number, the idempotency
     * key: asking again after a timeout cannot refund twice. Alipay refunds synchronously, so an
     * accepted call is a finished refund.
     */
    @Override
    public Mono<PlatformRefund> refund(RefundOrder order) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeRefundModel();
            model.setOutTradeNo(order.orderNo());
            model.setOutRequestNo(order.refundNo());
            model.setRefundAmount(Yuan.format(order.amountFen()));
            model.setRefundReason(order.reason());
            var request = new AlipayTradeRefundRequest();
            request.setBizModel(model);
            AlipayTradeRefundResponse response = client.execute(request);
            if (response.isSuccess()) {
                Instant at = response.getGmtRefundPay() == null ? Instant.now() : response.getGmtRefundPay().toInstant();
                return (PlatformRefund) new PlatformRefund.Succeeded(response.getTradeNo(), at);
            }
            return AlipayMapping.refundRefusal(response.getSubCode(), response.getSubMsg());
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(AlipayGateway::refundUnknown);
    }

    /**
     * {@code alipay.trade.fastpay.refund.query}: {@code refund_status=REFUND_SUCCESS} is a finished
     * refund; an answer without it means Alipay never took the request (or refused it), so sending
     * the refund again under the same number is what settles it.
     */
    @Override
    public Mono<PlatformRefund> refundQuery(String orderNo, String refundNo) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeFastpayRefundQueryModel();
            model.setOutTradeNo(orderNo);
            model.setOutRequestNo(refundNo);
            model.setQueryOptions(List.of("gmt_refund_pay"));
            var request = new AlipayTradeFastpayRefundQueryRequest();
            request.setBizModel(model);
            AlipayTradeFastpayRefundQueryResponse response = client.execute(request);
            if (!response.isSuccess()) {
                return AlipayMapping.refundQueryRefusal(response.getSubCode(), response.getSubMsg());
            }
            return AlipayMapping.refundStatus(response.getRefundStatus(), response.getTradeNo(), response.getGmtRefundPay());
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(AlipayGateway::refundUnknown);
    }

    private static Mono<PlatformRefund> refundUnknown(Throwable failure) {
        return Mono.just(new PlatformRefund.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    /**
     * {@code alipay.data.dataservice.bill.downloadurl.query} for the {@code trade} bill of a day,
     * then the download (the URL is valid for 30 s) and the parse.
     */
    @Override
    public Mono<PlatformBill> tradeBill(java.time.LocalDate day) {
        return Mono.fromCallable(() -> {
            var model = new AlipayDataDataserviceBillDownloadurlQueryModel();
            model.setBillType("trade");
            model.setBillDate(day.toString());
            var request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
            request.setBizModel(model);
            var response = client.execute(request);
            if (!response.isSuccess()) {
                return (PlatformBill) new PlatformBill.NoBill(response.getSubCode());
            }
            var download = download(BILL_DOWNLOADS, java.net.URI.create(response.getBillDownloadUrl()), BILL_DOWNLOAD_TIMEOUT);
            if (download.statusCode() != 200) {
                return new PlatformBill.Unknown("bill download answered " + download.statusCode());
            }
            return new PlatformBill.Bill(AlipayBill.parseZip(download.body()), null);
        }).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> Mono.just(new PlatformBill.Unknown(e.getClass().getSimpleName() + ": " + e.getMessage())));
    }

    /** The whole bill download, body included: a server that trickles its answer cannot hold a run. */
    static final java.time.Duration BILL_DOWNLOAD_TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final java.net.http.HttpClient BILL_DOWNLOADS = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(3)).build();

    /**
     * GETs {@code uri} and reads the whole answer within {@code timeout} (the request's own
     * timeout only bounds the wait for the headers); a timeout fails with
     * {@link java.util.concurrent.TimeoutException} and gives the connection up.
     */
    static java.net.http.HttpResponse<byte[]> download(java.net.http.HttpClient http, java.net.URI uri, java.time.Duration timeout)
            throws Exception {
        var pending = http.sendAsync(java.net.http.HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Transport errors, timeouts and bad or missing response signatures: the outcome is not known. */
    private static Mono<PlatformTrade> unknown(Throwable failure) {
        return Mono.just(new PlatformTrade.Unknown(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    /**
     * {@code alipay.trade.wap.pay}: the mobile-browser cashier, as a form and a GET URL, with
     * {@code quit_url} where a buyer who gives up is sent.
     */
    public Mono<PagePay> wapPay(String orderNo, String subject, long amountFen, Instant deadline) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeWapPayModel();
            model.setOutTradeNo(orderNo);
            model.setTotalAmount(Yuan.format(amountFen));
            model.setSubject(subject);
            model.setProductCode("QUICK_WAP_WAY");
            model.setTimeExpire(ALIPAY_TIME.format(deadline.atZone(ALIPAY_ZONE)));
            model.setQuitUrl(settings.returnUrl().toString());
            var request = new AlipayTradeWapPayRequest();
            request.setBizModel(model);
            request.setNotifyUrl(settings.notifyUrl().toString());
            request.setReturnUrl(settings.returnUrl().toString());
            return new PagePay(client.pageExecute(request, "POST").getBody(), client.pageExecute(request, "GET").getBody());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * {@code alipay.trade.app.pay}: no call to Alipay at all; the signed order string the app hands
     * to Alipay's app SDK.
     */
    public Mono<String> appPay(String orderNo, String subject, long amountFen, Instant deadline) {
        return Mono.fromCallable(() -> {
            var model = new AlipayTradeAppPayModel();
            model.setOutTradeNo(orderNo);
            model.setTotalAmount(Yuan.format(amountFen));
            model.setSubject(subject);
            model.setProductCode("QUICK_MSECURITY_PAY");
            model.setTimeExpire(ALIPAY_TIME.format(deadline.atZone(ALIPAY_ZONE)));
            var request = new AlipayTradeAppPayRequest();
            request.setBizModel(model);
            request.setNotifyUrl(settings.notifyUrl().toString());
            return client.sdkExecute(request).getBody();
        }).subscribeOn(Schedulers.boundedElastic());
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
