package io.securewatch.controlplane.agentchannel;

import io.securewatch.controlplane.json.CanonicalJson;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats of the secrets agents hold. Both carry 256 random bits, so storing their SHA-256 is enough: unlike
 * passwords they cannot be guessed from a dictionary, and a slow hash would only slow down every connect.
 *
 * <ul>
 *   <li>Registration token: {@code swr_<43 base64url characters>}, used once to register.
 *   <li>Agent credential: {@code swa_<16 hex id>_<43 base64url characters>}; the id names the stored row so it can
 *       be found without scanning, the rest is the secret.
 * </ul>
 */
final class AgentSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CREDENTIAL = Pattern.compile("swa_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Pattern TOKEN = Pattern.compile("swr_[A-Za-z0-9_-]{43}");

    private AgentSecrets() {}

    static String newRegistrationToken() {
        return "swr_" + randomBase64();
    }

    static NewCredential newCredential() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String credentialId = HexFormat.of().formatHex(id);
        String secret = randomBase64();
        return new NewCredential(credentialId, "swa_" + credentialId + "_" + secret, hash(secret));
    }

    /** Tells whether the text has the shape of a registration token; the check before any database lookup. */
    static boolean isRegistrationToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** Splits a credential into id and secret, or returns empty when it has not the credential format. */
    static Optional<ParsedCredential> parseCredential(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        Matcher matcher = CREDENTIAL.matcher(credential);
        return matcher.matches()
                ? Optional.of(new ParsedCredential(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    static String hash(String secret) {
        return CanonicalJson.sha256Hex(secret);
    }

    private static String randomBase64() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A credential as handed to the agent, with the hash the control plane keeps. */
    record NewCredential(String id, String credential, String secretHash) {

        @Override
        public String toString() {
            return "NewCredential[id=" + id + ", credential=<redacted>]";
        }
    }

    /** The parts of a presented credential. */
    record ParsedCredential(String id, String secret) {

        @Override
        public String toString() {
            return "ParsedCredential[id=" + id + ", secret=<redacted>]";
        }
    }
}
