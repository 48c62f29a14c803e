package io.paygate.bench;

import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Payment notifications made the way the platforms make them, signed with the sandbox's
 * platform keys: Alipay's RSA2-signed form, WeChat Pay's v3 JSON with an AES-256-GCM resource
 * and a SHA256withRSA signature in its headers. They are made before a measurement starts: the
 * platforms sign, not paygate, so signing is no part of the cost measured.
 */
final class Notifications {

    /** One notification as it goes on the wire, for one order. */
    record Notification(String orderNo, Channel channel, HttpRequest request) {
    }

    enum Channel {
        ALIPAY,
        WECHAT
    }

    private final Paygate paygate;
    private final String alipayPrivateBase64;
    private final PrivateKey wechatPrivate;
    private final String alipayAppId;
    private final String alipaySellerId;
    private final String wechatMchid;
    private final String wechatAppid;
    private final String wechatKeyId;

    Notifications(Paygate paygate) {
        this.paygate = paygate;
        this.alipayPrivateBase64 = PemKeys.base64Body(paygate.alipayPlatformPrivatePem());
        this.wechatPrivate = PemKeys.readPrivate(paygate.wechatPlatformPrivatePem());
        this.alipayAppId = paygate.property("notify-ingress", "paygate.alipay.app-id");
        this.alipaySellerId = paygate.property("notify-ingress", "paygate.alipay.seller-id");
        this.wechatMchid = paygate.property("notify-ingress", "paygate.wechat.mchid");
        this.wechatAppid = paygate.property("notify-ingress", "paygate.wechat.appid");
        this.wechatKeyId = paygate.property("notify-ingress", "paygate.wechat.public-keys[0].id");
    }

    Notification of(Shop.Order order) {
        return order.channel() == Channel.ALIPAY ? alipay(order) : wechat(order);
    }

    /** TRADE_SUCCESS for the order, every field but sign and sign_type signed sorted, as Alipay does. */
    Notification alipay(Shop.Order order) {
        String body = BenchSamples.alipayForm(order.orderNo(), order.amountFen(), alipayAppId, alipaySellerId, alipayPrivateBase64);
        HttpRequest request = HttpRequest.newBuilder(URI.create(paygate.url("notify-ingress", "/notify/alipay")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return new Notification(order.orderNo(), Channel.ALIPAY, request);
    }

    /** TRANSACTION.SUCCESS for the order: the Transaction resource encrypted with the API v3 key, the body signed. */
    Notification wechat(Shop.Order order) {
        var signed = BenchSamples.wechatSigned(order.orderNo(), order.amountFen(), wechatMchid, wechatAppid, paygate.wechatApiV3Key(),
                wechatPrivate, wechatKeyId, Instant.now());
        var builder = HttpRequest.newBuilder(URI.create(paygate.url("notify-ingress", "/notify/wechat/payment")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(signed.body()));
        signed.headers().forEach(builder::header);
        return new Notification(order.orderNo(), Channel.WECHAT, builder.build());
    }
}
