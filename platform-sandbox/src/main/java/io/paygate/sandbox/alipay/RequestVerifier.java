package io.paygate.sandbox.alipay;

import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The gateway's checks before any business, shared by the gateway and the app-pay order string
 * (which Alipay's app SDK checks exactly like a gateway call, ref §2.5).
 */
@Component
class RequestVerifier {

    private final AlipayKeys keys;
    private final AlipaySandboxSettings settings;
    private final CertificateMode certificates;

    RequestVerifier(AlipayKeys keys, AlipaySandboxSettings settings, CertificateMode certificates) {
        this.keys = keys;
        this.settings = settings;
        this.certificates = certificates;
    }

    /**
     * The gateway's checks before any business: required protocol parameters, the application,
     * the method, in certificate mode the certificate SNs, then the signature exactly as ref §2.3 (everything but {@code sign}, so
     * {@code sign_type} is included).
     */
    SignType check(GatewayRequest request, Predicate<String> knownMethod) {
        if (request.get("app_id") == null) {
            throw Failure.missing("isv.missing-app-id", "缺少AppID参数").refusal();
        }
        if (request.method() == null) {
            throw Failure.missing("isv.missing-method", "缺少方法名参数").refusal();
        }
        if (request.get("sign") == null) {
            throw Failure.missing("isv.missing-signature", "缺少签名参数").refusal();
        }
        if (request.get("sign_type") == null) {
            throw Failure.missing("isv.missing-signature-type", "缺少签名类型参数").refusal();
        }
        if (request.get("timestamp") == null) {
            throw Failure.missing("isv.missing-timestamp", "缺少时间戳参数").refusal();
        }
        if (!settings.appId().equals(request.get("app_id"))) {
            throw Failure.invalid("isv.invalid-app-id", "无效的AppID参数").refusal();
        }
        if (!knownMethod.test(request.method())) {
            throw Failure.invalid("isv.invalid-method", "不存在的方法名").refusal();
        }
        SignType signType = SignType.of(request.get("sign_type"))
                .orElseThrow(() -> Failure.invalid("isv.invalid-signature-type", "无效的签名类型").refusal());
        if (AlipayTime.parse(request.get("timestamp")).isEmpty()) {
            throw Failure.invalid("isv.invalid-timestamp", "非法的时间戳参数").refusal();
        }
        // in certificate mode the app certificate chooses the key the signature is checked with
        certificates.check(request);
        String content = Signatures.content(request.params(), Signatures.REQUEST_EXCLUDES);
        if (!Signatures.verify(content, request.get("sign"), request.charset(), signType, keys.appPublic())) {
            throw Failure.invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配").refusal();
        }
        return signType;
    }
}
