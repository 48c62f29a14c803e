package io.paygate.bench;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.money.Yuan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Notifications byte for byte as Alipay and WeChat Pay make them, for the load generator, the
 * ceiling and the microbenchmarks alike.
 */
public final class BenchSamples {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private BenchSamples() {
    }

    /** The fields of a signed TRADE_SUCCESS notification, URL-decoded, as notify-ingress hands them to the SDK. */
    public static Map<String, String> alipayFields(String orderNo, long amountFen, String appId, String sellerId, String privateKeyBase64) {
        var fields = new HashMap<String, String>();
        for (String pair : alipayForm(orderNo, amountFen, appId, sellerId, privateKeyBase64).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The URL-encoded form body of a signed TRADE_SUCCESS notification (shared with the ceiling and JMH). */
    public static String alipayForm(String orderNo, long amountFen, String appId, String sellerId, String privateKeyBase64) {
        String now = OffsetDateTime.now(BEIJING).format(ALIPAY_TIME);
        var fields = new LinkedHashMap<String, String>();
        fields.put("gmt_create", now);
        fields.put("charset", "utf-8");
        fields.put("seller_email", "merchant@example.com");
        fields.put("subject", "年度会员");
        fields.put("buyer_id", "2088102177846880");
        fields.put("invoice_amount", Yuan.format(amountFen));
        fields.put("notify_id", "2026bench" + nonce(24));
        fields.put("fund_bill_list", "[{\"amount\":\"" + Yuan.format(amountFen) + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        fields.put("notify_type", "trade_status_sync");
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("receipt_amount", Yuan.format(amountFen));
        fields.put("app_id", appId);
        fields.put("auth_app_id", appId);
        fields.put("buyer_pay_amount", Yuan.format(amountFen));
        fields.put("gmt_payment", now);
        fields.put("notify_time", now);
        fields.put("version", "1.0");
        fields.put("out_trade_no", orderNo);
        fields.put("total_amount", Yuan.format(amountFen));
        fields.put("trade_no", "2026" + orderNo.substring(Math.max(0, orderNo.length() - 24)) + digits(4));
        fields.put("seller_id", sellerId);
        fields.put("point_amount", "0.00");
        var unsigned = new HashMap<>(fields);
        String content = AlipaySignature.getSignCheckContentV1(unsigned);
        try {
            fields.put("sign", AlipaySignature.rsa256Sign(content, privateKeyBase64, "utf-8"));
        } catch (com.alipay.api.AlipayApiException e) {
            throw new IllegalStateException("cannot sign as Alipay", e);
        }
        fields.put("sign_type", "RSA2");
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A WeChat Pay v3 notification: its body and the five Wechatpay-* headers. */
    public record WechatSigned(String body, Map<String, String> headers) {
    }

    public static WechatSigned wechatSigned(String orderNo, long amountFen, String mchid, String appid, String apiV3Key,
                                     PrivateKey platformKey, String keyId, Instant sentAt) {
        String successTime = OffsetDateTime.ofInstant(sentAt, BEIJING).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String transactionId = "42000" + orderNo.substring(Math.max(0, orderNo.length() - 23)) + digits(4);
        String resource = "{\"mchid\":\"" + mchid + "\",\"appid\":\"" + appid + "\",\"out_trade_no\":\"" + orderNo
                + "\",\"transaction_id\":\"" + transactionId + "\",\"trade_type\":\"APP\",\"trade_state\":\"SUCCESS\","
                + "\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\",\"attach\":\"\",\"success_time\":\"" + successTime
                + "\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},\"amount\":{\"total\":" + amountFen
                + ",\"payer_total\":" + amountFen + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
        String gcmNonce = nonce(12);
        String body = "{\"id\":\"EV-" + nonce(20) + "\",\"create_time\":\"" + successTime + "\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + encrypt(apiV3Key, resource, "transaction", gcmNonce)
                + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + gcmNonce + "\"}}";
        String timestamp = Long.toString(sentAt.getEpochSecond());
        String nonce = nonce(32);
        var headers = new LinkedHashMap<String, String>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", sign(platformKey, timestamp + "\n" + nonce + "\n" + body + "\n"));
        headers.put("Wechatpay-Serial", keyId);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return new WechatSigned(body, headers);
    }

    private static String encrypt(String apiV3Key, String plaintext, String associatedData, String nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(PrivateKey key, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String nonce(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String digits(int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return text.toString();
    }
}
