package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.common.keys.PemKeys;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import io.paygate.notify.wechat.WechatRejected.Reason;
import io.paygate.notify.wechat.WechatSettings.TrustedKey;
import io.paygate.notify.wechat.WechatSettings.Verification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WechatSignatureCheckTest {

    private static final WechatPlatform PLATFORM = WechatPlatform.withPublicKey();
    private static final WechatSignatureCheck CHECK = new WechatSignatureCheck(
            List.of(new TrustedKey(PLATFORM.serial(), PemKeys.readPublic(PLATFORM.publicKeyPem()), null)), API_V3_KEY, Verification.PUBLIC_KEY);

    @Test
    void genuineNotificationDecryptsToTheTransaction() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", WechatNotificationFixture.paid("20261126173000000001"), Instant.now());

        Transaction transaction = CHECK.verifiedAndDecrypted(headers(delivery), delivery.body(), Transaction.class);

        assertThat(transaction.getOutTradeNo()).isEqualTo("20261126173000000001");
        assertThat(transaction.getAmount().getTotal()).isEqualTo(8888);
        assertThat(transaction.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    }

    @Test
    void refundResourceDecryptsIntoOurRecordWithMchid() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "REFUND.SUCCESS", WechatNotificationFixture.refund("20261126173000000001", "SUCCESS"), Instant.now());

        WechatRefund refund = CHECK.verifiedAndDecrypted(headers(delivery), delivery.body(), WechatRefund.class);

        assertThat(refund.mchid()).isEqualTo(WechatNotificationFixture.MCHID);
        assertThat(refund.outTradeNo()).isEqualTo("20261126173000000001");
        assertThat(refund.refundStatus()).isEqualTo("SUCCESS");
        assertThat(refund.amount()).isEqualTo(new WechatRefund.Amount(8888L, 888L));
    }

    @Test
    void bodyChangedAfterSigningIsRefused() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", WechatNotificationFixture.paid("20261126173000000001"), Instant.now());

        assertRefused(delivery.withBody(delivery.body().replace("\"id\":", "\"id\" :")), Reason.SIGNATURE_INVALID);
    }

    @Test
    void signatureThatIsNotBase64IsRefusedAsInvalid() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", WechatNotificationFixture.paid("20261126173000000001"), Instant.now());

        assertRefused(delivery.withSignature("not base64!"), Reason.SIGNATURE_INVALID);
    }

    @Test
    void resourceForAnotherApiV3KeyIsUndecryptable() {
        assertRefused(PLATFORM.notify("0123456789abcdef0123456789abcdef", "TRANSACTION.SUCCESS",
                WechatNotificationFixture.paid("20261126173000000001"), Instant.now()), Reason.RESOURCE_UNDECRYPTABLE);
    }

    @Test
    void signedEnvelopeWithoutResourceIsMalformed() {
        assertRefused(PLATFORM.sign("{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\"}", Instant.now()), Reason.BODY_MALFORMED);
    }

    private static void assertRefused(Delivery delivery, Reason reason) {
        assertThatThrownBy(() -> CHECK.verifiedAndDecrypted(headers(delivery), delivery.body(), Transaction.class))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    private static WechatHeaders headers(Delivery delivery) {
        return new WechatHeaders(delivery.timestamp(), delivery.nonce(), delivery.signature(), delivery.serial(), WechatPlatform.SIGN_TYPE);
    }
}
