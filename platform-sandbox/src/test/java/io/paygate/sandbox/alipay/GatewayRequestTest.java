package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayRequestTest {

    @Test
    void queryAndBodyAreMergedAndDecodedInTheDeclaredCharset() {
        var request = GatewayRequest.parse("charset=GBK&method=alipay.trade.query&timestamp=2026-11-27+01%3A26%3A54",
                "biz_content=%7B%22subject%22%3A%22%C4%EA%B6%C8%22%7D".getBytes(StandardCharsets.US_ASCII));

        assertThat(request.charset()).isEqualTo(Charset.forName("GBK"));
        assertThat(request.get("timestamp")).isEqualTo("2026-11-27 01:26:54");
        assertThat(request.get("biz_content")).isEqualTo("{\"subject\":\"年度\"}");
    }

    @Test
    void utf8IsTheDefaultAndAQueryParameterWinsOverTheSameNameInTheBody() {
        var request = GatewayRequest.parse("sign=a%2Bb", "sign=other&subject=%E5%B9%B4".getBytes(StandardCharsets.US_ASCII));

        assertThat(request.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(request.get("sign")).isEqualTo("a+b");
        assertThat(request.get("subject")).isEqualTo("年");
    }

    @Test
    void aCharsetAlipayDoesNotTakeIsRefused() {
        assertThatThrownBy(() -> GatewayRequest.parse("charset=latin1", new byte[0]))
                .isInstanceOfSatisfying(Failure.AlipayRefusal.class,
                        refusal -> assertThat(refusal.failure().subCode()).isEqualTo("isv.invalid-charset"));
    }
}
