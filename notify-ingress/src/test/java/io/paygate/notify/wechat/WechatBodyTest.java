package io.paygate.notify.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.notify.wechat.WechatRejected.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"})
    void jsonIsReadExactlyAsSent(String contentType) {
        String body = "{ \"id\" : \"EV-1\" }\n";

        assertThat(WechatBody.read(contentType, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/xml", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=gbk", "", "not a type"})
    void otherContentTypesAreRefused(String contentType) {
        assertRefused(() -> WechatBody.read(contentType, "{}".getBytes(StandardCharsets.UTF_8)), Reason.CONTENT_TYPE_UNSUPPORTED);
    }

    @Test
    void xmlSentAsJsonIsRefusedWithoutBeingParsed() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>";

        assertRefused(() -> WechatBody.read("application/json", xxe.getBytes(StandardCharsets.UTF_8)), Reason.BODY_NOT_JSON);
    }

    @Test
    void emptyBodyIsRefused() {
        assertRefused(() -> WechatBody.read("application/json", new byte[0]), Reason.BODY_EMPTY);
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        assertRefused(() -> WechatBody.read("application/json", new byte[] {'{', (byte) 0xC3, '}'}), Reason.BODY_NOT_JSON);
    }

    private static void assertRefused(Runnable step, Reason reason) {
        assertThatThrownBy(step::run).isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }
}
