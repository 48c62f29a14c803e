package io.paygate.common.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Key pairs as PEM files, made once and kept. {@code main} makes the local key set in a folder
 * (used by docker-compose's one-shot {@code keys} service): the merchant's Alipay application
 * key pair, the sandbox's own "Alipay" key pair, the WeChat Pay merchant's API key pair and the
 * sandbox's own "WeChat Pay" key pair.
 */
public final class KeyFiles {

    public static final String ALIPAY_APP_PRIVATE = "alipay-app-private.pem";
    public static final String ALIPAY_APP_PUBLIC = "alipay-app-public.pem";
    public static final String ALIPAY_PLATFORM_PRIVATE = "alipay-platform-private.pem";
    public static final String ALIPAY_PLATFORM_PUBLIC = "alipay-platform-public.pem";
    public static final String WECHAT_MERCHANT_PRIVATE = "wechat-merchant-private.pem";
    public static final String WECHAT_MERCHANT_PUBLIC = "wechat-merchant-public.pem";
    public static final String WECHAT_PLATFORM_PRIVATE = "wechat-platform-private.pem";
    public static final String WECHAT_PLATFORM_PUBLIC = "wechat-platform-public.pem";

    private KeyFiles() {
    }

    /** Creates an RSA key pair in these two files unless both exist; the private one readable by its owner only. */
    public static void ensurePair(Path privateFile, Path publicFile) {
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return;
        }
        var pair = PemKeys.generateRsa();
        PemKeys.write(privateFile, PemKeys.toPem(pair.getPrivate()));
        PemKeys.write(publicFile, PemKeys.toPem(pair.getPublic()));
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect the key
        }
    }

    /** Makes the local key set in {@code dir}. */
    public static void ensureLocalSet(Path dir) {
        ensurePair(dir.resolve(ALIPAY_APP_PRIVATE), dir.resolve(ALIPAY_APP_PUBLIC));
        ensurePair(dir.resolve(ALIPAY_PLATFORM_PRIVATE), dir.resolve(ALIPAY_PLATFORM_PUBLIC));
        ensurePair(dir.resolve(WECHAT_MERCHANT_PRIVATE), dir.resolve(WECHAT_MERCHANT_PUBLIC));
        ensurePair(dir.resolve(WECHAT_PLATFORM_PRIVATE), dir.resolve(WECHAT_PLATFORM_PUBLIC));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "keys");
        ensureLocalSet(dir);
        System.out.println("keys ready in " + dir.toAbsolutePath());
    }
}
