package dev.clawgate.channel;

import java.security.SecureRandom;

/** Pairing codes: 8 upper-case characters without the ambiguous {@code 0 O 1 I}. */
final class PairingCodes {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingCodes() {}

    static String next() {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
