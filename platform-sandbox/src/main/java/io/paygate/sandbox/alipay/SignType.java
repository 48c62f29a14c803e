package io.paygate.sandbox.alipay;

import java.util.Optional;

/** Alipay's {@code sign_type} values and the JCA algorithm behind each. */
enum SignType {
    RSA2("SHA256withRSA"),
    /** The legacy SHA-1 variant; still accepted by the real gateway for old applications. */
    RSA("SHA1withRSA");

    private final String algorithm;

    SignType(String algorithm) {
        this.algorithm = algorithm;
    }

    String algorithm() {
        return algorithm;
    }

    static Optional<SignType> of(String name) {
        for (SignType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
