package io.paygate.payment.wechat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.util.NonceUtil;
import java.time.Instant;

/**
 * The parameters a buyer's WeChat app or browser needs to open the payment sheet for a prepay
 * id, signed with the merchant's API key like the SDK's {@code AppServiceExtension} and
 * {@code JsapiServiceExtension} do (ref §2.4): SHA256withRSA over four lines, each ending in
 * {@code \n}. No call to WeChat Pay is made here.
 */
public final class WechatInvocations {

    private WechatInvocations() {
    }

    /**
     * What an app hands the WeChat OpenSDK ({@code PayReq}). Signed over
     * {@code appid\ntimestamp\nnoncestr\nprepayid\n}.
     */
    public record AppParams(String appid, String partnerid, String prepayid,
                            @JsonProperty("package") String packageValue, String noncestr, String timestamp, String sign) {
    }

    /**
     * What a page inside WeChat hands {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} (or a
     * mini program {@code wx.requestPayment}). Signed over
     * {@code appId\ntimeStamp\nnonceStr\nprepay_id=…\n}.
     */
    public record JsapiParams(String appId, String timeStamp, String nonceStr,
                              @JsonProperty("package") String packageValue, String signType, String paySign) {
    }

    static AppParams app(Signer signer, String appid, String mchid, String prepayId, Instant now) {
        return app(signer, appid, mchid, prepayId, now, NonceUtil.createNonce(32));
    }

    static AppParams app(Signer signer, String appid, String mchid, String prepayId, Instant now, String nonce) {
        String timestamp = String.valueOf(now.getEpochSecond());
        String sign = signer.sign(appid + "\n" + timestamp + "\n" + nonce + "\n" + prepayId + "\n").getSign();
        return new AppParams(appid, mchid, prepayId, "Sign=WXPay", nonce, timestamp, sign);
    }

    static JsapiParams jsapi(Signer signer, String appid, String prepayId, Instant now) {
        return jsapi(signer, appid, prepayId, now, NonceUtil.createNonce(32));
    }

    static JsapiParams jsapi(Signer signer, String appid, String prepayId, Instant now, String nonce) {
        String timestamp = String.valueOf(now.getEpochSecond());
        String packageValue = "prepay_id=" + prepayId;
        String sign = signer.sign(appid + "\n" + timestamp + "\n" + nonce + "\n" + packageValue + "\n").getSign();
        return new JsapiParams(appid, timestamp, nonce, packageValue, "RSA", sign);
    }
}
