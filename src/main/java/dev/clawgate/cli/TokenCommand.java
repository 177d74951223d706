package dev.clawgate.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clawgate token}: a new random gateway token and how to use it. */
@Command(name = "token", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Generate a random gateway token (256 bits) for gateway.auth.token.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = "cg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.println("Put it in ~/.clawgate/.env as CLAWGATE_TOKEN=" + token.substring(0, 6) + "... and in the config:");
        err.println("  gateway: { auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\" } }");
        err.println("Clients send it as 'Authorization: Bearer <token>' or 'x-api-key: <token>'.");
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
