package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's JSON answer (ref §3, §11.5): {@code {"<method>_response":{...},"sign":"..."}}.
 * The node is written once, compactly, and the signature is made over exactly those characters,
 * because the SDK cuts the node out of the raw body and verifies that substring.
 */
final class Envelope {

    /** A mapper of its own, so no application-wide Jackson setting (indentation) changes the signed text. */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ERROR_NODE = "error_response";

    private Envelope() {
    }

    static String nodeName(String method) {
        return method.replace('.', '_') + "_response";
    }

    /** {@code code=10000} and the API's fields, signed with the platform key in the request's sign type. */
    static String success(String method, Map<String, String> fields, Charset charset, SignType signType, PrivateKey key) {
        return success(method, fields, charset, signType, key, null);
    }

    /**
     * A success as above; in certificate mode {@code alipayCertSn} names the certificate of the
     * signing key, a root member between the node and {@code sign} (ref: real answers carry it
     * there), outside the signed text.
     */
    static String success(String method, Map<String, String> fields, Charset charset, SignType signType, PrivateKey key,
                          String alipayCertSn) {
        var node = new LinkedHashMap<String, String>();
        node.put("code", "10000");
        node.put("msg", "Success");
        node.putAll(fields);
        return signed(nodeName(method), JSON.writeValueAsString(node), charset, signType, key, alipayCertSn);
    }

    /**
     * An error signed like a success, with {@code alipay_cert_sn}: how the real gateway answers
     * an application in certificate mode (an {@code isv.invalid-alipay-root-cert-sn} answer
     * quoted in yansongda/pay#334 carries both). The SDK verifies it because it has a sign.
     */
    static String signedFailure(String nodeName, Failure failure, Charset charset, SignType signType, PrivateKey key,
                                String alipayCertSn) {
        return signed(nodeName, JSON.writeValueAsString(failureNode(failure)), charset, signType, key, alipayCertSn);
    }

    private static String signed(String nodeName, String nodeJson, Charset charset, SignType signType, PrivateKey key,
                                 String alipayCertSn) {
        String sign = Signatures.sign(nodeJson, charset, signType, key);
        String certSn = alipayCertSn == null ? "" : ",\"alipay_cert_sn\":\"" + alipayCertSn + "\"";
        return "{\"" + nodeName + "\":" + nodeJson + certSn + ",\"sign\":\"" + sign + "\"}";
    }

    /** An error, unsigned like production's (ref §9); the SDK does not verify errors without a sign. */
    static String failure(String nodeName, Failure failure) {
        return "{\"" + nodeName + "\":" + JSON.writeValueAsString(failureNode(failure)) + "}";
    }

    private static Map<String, String> failureNode(Failure failure) {
        var node = new LinkedHashMap<String, String>();
        node.put("code", failure.code());
        node.put("msg", failure.msg());
        node.put("sub_code", failure.subCode());
        node.put("sub_msg", failure.subMsg());
        node.putAll(failure.details());
        return node;
    }
}
