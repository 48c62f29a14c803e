package io.paygate.notify.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlipayFormTest {

    @Test
    void decodesPlusAndPercentEscapesInUtf8ByDefault() {
        var form = AlipayForm.parse(bytes("subject=%E8%AE%A2%E5%8D%95+42&fund_bill_list=%5B%7B%22amount%22%3A%2288.88%22%7D%5D"));

        assertThat(form.fields()).containsEntry("subject", "订单 42").containsEntry("fund_bill_list", "[{\"amount\":\"88.88\"}]");
        assertThat(form.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void decodesInTheCharsetTheFormNames() {
        Charset gbk = Charset.forName("GBK");
        String body = "charset=gbk&subject=" + java.net.URLEncoder.encode("订单", gbk);

        var form = AlipayForm.parse(bytes(body));

        assertThat(form.field("subject")).isEqualTo("订单");
        assertThat(form.charset()).isEqualTo(gbk);
    }

    @Test
    void keepsTheBodyTextExactlyAsSent() {
        String body = "b=2&a=%E8%AE%A2&sign=abc%2B%2F%3D";

        assertThat(AlipayForm.parse(bytes(body)).text()).isEqualTo(body);
    }

    @Test
    void treatsEmptyValuesAsAbsent() {
        var form = AlipayForm.parse(bytes("refund_fee=&app_id=1"));

        assertThat(form.has("refund_fee")).isFalse();
        assertThat(form.field("app_id")).isEqualTo("1");
    }

    @Test
    void refusesAFieldNamedTwice() {
        assertRefused("total_amount=88.88&total_amount=0.01", Reason.FIELD_DUPLICATED);
    }

    @Test
    void refusesAFieldNamedTwiceEvenWhenOneIsEscaped() {
        assertRefused("app_id=1&app%5Fid=2", Reason.FIELD_DUPLICATED);
    }

    @Test
    void refusesAPairWithoutEqualsSign() {
        assertRefused("app_id=1&garbage", Reason.FORM_MALFORMED);
        assertRefused("=value", Reason.FORM_MALFORMED);
    }

    @Test
    void refusesBrokenPercentEscapes() {
        assertRefused("subject=%E8%A", Reason.FORM_MALFORMED);
        assertRefused("subject=%zz", Reason.FORM_MALFORMED);
    }

    @Test
    void refusesBytesThatAreNotInTheDeclaredCharset() {
        byte[] latin1 = "subject=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> AlipayForm.parse(latin1))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORM_MALFORMED));
    }

    @Test
    void refusesCharsetsAlipayDoesNotUse() {
        assertRefused("charset=utf-16&app_id=1", Reason.CHARSET_UNSUPPORTED);
        assertRefused("charset=no-such-charset&app_id=1", Reason.CHARSET_UNSUPPORTED);
    }

    @Test
    void refusesAnEmptyBody() {
        assertRefused("", Reason.BODY_EMPTY);
        assertRefused("&&", Reason.BODY_EMPTY);
        assertThatThrownBy(() -> AlipayForm.parse(null)).isInstanceOf(NotificationRejected.class);
    }

    private static void assertRefused(String body, Reason reason) {
        assertThatThrownBy(() -> AlipayForm.parse(bytes(body)))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
