package io.paygate.payment.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.events.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class SceneRefusalTest {

    @ParameterizedTest
    @CsvSource({
            "ALIPAY, PC,     ",
            "ALIPAY, WAP,    ",
            "ALIPAY, APP,    ",
            "ALIPAY, NATIVE, scene_not_supported",
            "ALIPAY, JSAPI,  scene_not_supported",
            "ALIPAY, H5,     scene_not_supported",
            "WECHAT, PC,     scene_not_supported",
            "WECHAT, WAP,    scene_not_supported",
            "WECHAT, APP,    ",
            "WECHAT, NATIVE, ",
            "WECHAT, JSAPI,  ",
            "WECHAT, H5,     "})
    void everyChannelAndSceneIsTakenOrRefusedWith400AndAReason(Channel channel, Scene scene, String refusal) {
        var refused = PaymentController.refusedScene(new PaymentController.PayRequest(channel, scene, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", null));

        if (refusal == null) {
            assertThat(refused).isNull();
        } else {
            assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.code()).isEqualTo(refusal);
        }
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "''", "'  '"}, nullValues = "NULL")
    void jsapiWithoutThePayersOpenidIsRefusedWith400(String openid) {
        var refused = PaymentController.refusedScene(new PaymentController.PayRequest(Channel.WECHAT, Scene.JSAPI, openid, null));

        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.code()).isEqualTo("payer_openid_required");
    }
}
