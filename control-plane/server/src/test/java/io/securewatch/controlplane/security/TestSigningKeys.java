package io.securewatch.controlplane.security;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA key pair made once per test JVM for signing test access tokens. It lives in system properties because
 * the test profile and the test class may load this class through different class loaders.
 */
final class TestSigningKeys {

    private static final String PUBLIC_PROPERTY = "securewatch.test.oidc.public-key";
    private static final String PRIVATE_PROPERTY = "securewatch.test.oidc.private-key";

    private TestSigningKeys() {}

    /** Returns the public key as base64 DER (X.509), the form {@code quarkus.oidc.public-key} accepts. */
    static synchronized String publicKey() {
        if (System.getProperty(PUBLIC_PROPERTY) == null) {
            generate();
        }
        return System.getProperty(PUBLIC_PROPERTY);
    }

    static synchronized PrivateKey privateKey() {
        publicKey();
        byte[] encoded = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("the generated test key cannot be read back", e);
        }
    }

    private static void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            System.setProperty(
                    PUBLIC_PROPERTY,
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            System.setProperty(
                    PRIVATE_PROPERTY,
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides RSA", e);
        }
    }
}
