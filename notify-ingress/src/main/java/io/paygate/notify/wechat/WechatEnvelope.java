package io.paygate.notify.wechat;

import io.paygate.notify.wechat.WechatRejected.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unencrypted part of a verified notification.
 *
 * @param id        WeChat Pay's notification id, unchanged across its retries
 * @param eventType {@code event_type}, e.g. {@code TRANSACTION.SUCCESS}
 */
record WechatEnvelope(String id, String eventType) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Read only after the signature verified: the body is then WeChat Pay's own. */
    static WechatEnvelope of(String verifiedBody) {
        JsonNode root;
        try {
            root = JSON.readTree(verifiedBody);
        } catch (JacksonException e) {
            throw new WechatRejected(Reason.BODY_MALFORMED, "body is not JSON");
        }
        String id = text(root, "id");
        String eventType = text(root, "event_type");
        if (id == null || id.length() > 64) {
            throw new WechatRejected(Reason.BODY_MALFORMED, "notification id is missing or too long");
        }
        if (eventType == null) {
            throw new WechatRejected(Reason.BODY_MALFORMED, "event_type is missing");
        }
        return new WechatEnvelope(id, eventType);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root == null ? null : root.get(field);
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }
}
