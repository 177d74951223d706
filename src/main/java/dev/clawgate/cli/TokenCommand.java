package dev.clawgate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate token [--key ID]}: a new random token and how to use it. With {@code --key}, a client key
 * for {@code gateway.auth.keys}: the token is printed once (stdout) and the config line holds only its
 * SHA-256 digest, so the config file never contains a usable credential.
 */
@Command(name = "token", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Generate a random token (256 bits): the gateway token, or with --key a client key's "
                + "token and the hashed line to paste into gateway.auth.keys.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", paramLabel = "ID", description = "Create a client key with this id "
            + "(letters, digits, '.', '_' or '-'; at most 64).")
    String keyId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (keyId != null && !keyId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            err.println("--key '" + keyId + "' is not a valid key id: use 1-64 letters, digits, '.', '_' or '-'"
                    + " (e.g. --key ci)");
            err.flush();
            return ExitCodes.INVALID;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = "cg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        out.println(token);
        err.println();
        if (keyId != null) {
            err.println("Give the token above to the client now: it is not stored and cannot be shown again.");
            err.println("Add this entry to gateway.auth.keys (only the token's SHA-256 is kept):");
            err.println("  { id: \"" + keyId + "\", token: \"sha256:" + sha256Hex(token) + "\" }");
            err.println("Clients send it as 'Authorization: Bearer <token>' or 'x-api-key: <token>'.");
        } else {
            err.println("Put it in ~/.clawgate/.env as CLAWGATE_TOKEN=" + token.substring(0, 6) + "... and in the config:");
            err.println("  gateway: { auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\" } }");
            err.println("Clients send it as 'Authorization: Bearer <token>' or 'x-api-key: <token>'.");
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
