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
        var node = new LinkedHashMap<String, String>();
        node.put("code", "10000");
        node.put("msg", "Success");
        node.putAll(fields);
        String nodeJson = JSON.writeValueAsString(node);
        String sign = Signatures.sign(nodeJson, charset, signType, key);
        return "{\"" + nodeName(method) + "\":" + nodeJson + ",\"sign\":\"" + sign + "\"}";
    }

    /** An error, unsigned like production's (ref §9); the SDK does not verify errors without a sign. */
    static String failure(String nodeName, Failure failure) {
        var node = new LinkedHashMap<String, String>();
        node.put("code", failure.code());
        node.put("msg", failure.msg());
        node.put("sub_code", failure.subCode());
        node.put("sub_msg", failure.subMsg());
        node.putAll(failure.details());
        return "{\"" + nodeName + "\":" + JSON.writeValueAsString(node) + "}";
    }
}
