package io.paygate.localrun;

import io.paygate.common.keys.KeyFiles;
import java.nio.file.Path;

/**
 * The key pairs of the local run, as PEM files under {@code keys/} in the data folder, made at
 * first start: the merchant's Alipay application key pair and the sandbox's own "Alipay" key
 * pair. Other tools can sign as the platform with them.
 */
record PlatformKeys(Path alipayAppPrivate, Path alipayAppPublic, Path alipayPlatformPrivate, Path alipayPlatformPublic,
                    Path wechatMerchantPrivate, Path wechatMerchantPublic, Path wechatPlatformPrivate, Path wechatPlatformPublic) {

    static PlatformKeys ensure(Path keysDir) {
        KeyFiles.ensureLocalSet(keysDir);
        return new PlatformKeys(
                keysDir.resolve(KeyFiles.ALIPAY_APP_PRIVATE),
                keysDir.resolve(KeyFiles.ALIPAY_APP_PUBLIC),
                keysDir.resolve(KeyFiles.ALIPAY_PLATFORM_PRIVATE),
                keysDir.resolve(KeyFiles.ALIPAY_PLATFORM_PUBLIC),
                keysDir.resolve(KeyFiles.WECHAT_MERCHANT_PRIVATE),
                keysDir.resolve(KeyFiles.WECHAT_MERCHANT_PUBLIC),
                keysDir.resolve(KeyFiles.WECHAT_PLATFORM_PRIVATE),
                keysDir.resolve(KeyFiles.WECHAT_PLATFORM_PUBLIC));
    }
}
