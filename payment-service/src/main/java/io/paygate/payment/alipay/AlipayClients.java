package io.paygate.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import io.paygate.common.keys.PemKeys;
import java.security.Security;

/**
 * alipay-sdk-java's client for the configured {@link AlipaySettings.Mode}: built from an
 * {@code AlipayConfig} with Alipay's public key, or with the three certificates' contents.
 *
 * <p>Two SDK facts shape this. Loading the client class empties the JVM-wide
 * {@code jdk.certpath.disabledAlgorithms} (a static initializer), which would switch off the
 * JDK's certificate algorithm checks for every TLS connection of this process; the factory puts
 * the property back. And a client in certificate mode refuses {@code execute(...)} outright
 * ({@code CERT_EXECUTE_ERROR}): API calls must go through {@code certificateExecute(...)}, which
 * sends {@code app_cert_sn} and {@code alipay_root_cert_sn} and checks the answer's
 * {@code alipay_cert_sn}. The client returned in that mode routes {@code execute} there, so
 * callers use one API in both modes.
 */
final class AlipayClients {

    private static final String CERTPATH_PROPERTY = "jdk.certpath.disabledAlgorithms";
    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int READ_TIMEOUT_MILLIS = 15_000;

    private AlipayClients() {
    }

    static AlipayClient create(AlipaySettings settings) throws AlipayApiException {
        String original = Security.getProperty(CERTPATH_PROPERTY);
        try {
            var config = new AlipayConfig();
            config.setServerUrl(settings.gatewayUrl().toString());
            config.setAppId(settings.appId());
            config.setPrivateKey(PemKeys.base64Body(settings.appPrivateKey().read("paygate.alipay.app-private-key")));
            config.setSignType("RSA2");
            config.setCharset("utf-8");
            config.setFormat("json");
            // the SDK's defaults, set here so they are ours: each wait on Alipay's socket is bounded
            config.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            config.setReadTimeout(READ_TIMEOUT_MILLIS);
            if (settings.mode() == AlipaySettings.Mode.CERTIFICATE) {
                config.setAppCertContent(settings.appCert().read(AlipaySettings.APP_CERT));
                config.setAlipayPublicCertContent(settings.alipayPublicCert().read(AlipaySettings.ALIPAY_PUBLIC_CERT));
                config.setRootCertContent(settings.rootCert().read(AlipaySettings.ROOT_CERT));
                return new CertificateModeClient(config);
            }
            config.setAlipayPublicKey(PemKeys.base64Body(settings.alipayPublicKey().read("paygate.alipay.alipay-public-key")));
            return new DefaultAlipayClient(config);
        } finally {
            if (original != null) {
                Security.setProperty(CERTPATH_PROPERTY, original);
            }
        }
    }

    /**
     * The SDK's client in certificate mode, with {@code execute} meaning {@code certificateExecute}.
     * Every shorter {@code execute} overload of the SDK ends in this four-argument one.
     */
    static final class CertificateModeClient extends DefaultAlipayClient {

        CertificateModeClient(AlipayConfig config) throws AlipayApiException {
            super(config);
        }

        @Override
        public <T extends AlipayResponse> T execute(AlipayRequest<T> request, String accessToken, String appAuthToken,
                                                    String targetAppId) throws AlipayApiException {
            return certificateExecute(request, accessToken, appAuthToken, targetAppId);
        }
    }
}
