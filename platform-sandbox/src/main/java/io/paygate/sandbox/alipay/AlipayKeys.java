package io.paygate.sandbox.alipay;

import io.paygate.common.keys.PemKeys;


import java.security.PrivateKey;
import java.security.PublicKey;


import java.util.Arrays;

/**
 * The keys of the sandbox's Alipay, checked once at start so that a bad configuration stops the
 * sandbox with a message instead of failing every merchant call later.
 *
 * @param platformPrivate the sandbox's own key, signing everything it sends
 * @param platformPublic  derived from {@code platformPrivate}; what merchants configure as "Alipay public key"
 * @param appPublic       the merchant application's key, verifying its requests
 */
record AlipayKeys(PrivateKey platformPrivate, PublicKey platformPublic, PublicKey appPublic) {

    static AlipayKeys from(AlipaySandboxSettings settings) {
        String privateName = AlipaySandboxSettings.PREFIX + ".platform-private-key";
        String appName = AlipaySandboxSettings.PREFIX + ".app-public-key";
        PrivateKey platformPrivate;
        try {
            platformPrivate = PemKeys.readPrivate(settings.platformPrivateKey().read(privateName));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(privateName + " is not an RSA private key in PKCS#8 form (PEM or Base64)", e);
        }
        PublicKey appPublic;
        if (settings.mode() == AlipaySandboxSettings.Mode.CERTIFICATE && !settings.appPublicKey().isPresent()) {
            // in certificate mode the application's key is the one its certificate certifies
            appPublic = CertificateMode.appKeyOf(settings);
        } else {
            try {
                appPublic = PemKeys.readPublic(settings.appPublicKey().read(appName));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(appName + " is not an RSA public key in X.509 form (PEM or Base64)", e);
            }
        }
        PublicKey platformPublic = PemKeys.publicOf(platformPrivate, privateName);
        // alipay-sdk-java refuses every response when the "Alipay public key" it is given
        // verifies its own signatures (ref §3.2.6): the sandbox must have a key pair of its own
        if (Arrays.equals(platformPublic.getEncoded(), appPublic.getEncoded())) {
            throw new IllegalStateException(privateName + " belongs to the merchant application: its public key equals "
                    + appName + ". The sandbox plays Alipay and needs a key pair of its own.");
        }
        return new AlipayKeys(platformPrivate, platformPublic, appPublic);
    }

    String platformPublicPem() {
        return PemKeys.toPem(platformPublic);
    }

    @Override
    public String toString() {
        return "AlipayKeys[platformPrivate=****]";
    }
}
