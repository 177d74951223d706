package dev.clawgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Turns a {@link SecretRef} into its value at the moment it is needed. */
public final class SecretResolver {

    private SecretResolver() {}

    /**
     * The credential, or empty when it is blank, the variable is unset or the file is missing or unreadable.
     * Never throws with the value in a message. File paths starting with {@code ~/} are under the home
     * directory; relative ones under the working directory. File contents are trimmed.
     */
    public static Optional<String> resolve(SecretRef ref, Environment env) {
        if (ref == null) {
            return Optional.empty();
        }
        return switch (ref) {
            case SecretRef.Literal literal -> nonBlank(literal.value());
            case SecretRef.Env variable -> env.get(variable.id()).flatMap(SecretResolver::nonBlank);
            case SecretRef.File file -> readFile(ConfigFiles.resolve(file.path(), env.workingDirectory(), env));
        };
    }

    private static Optional<String> readFile(Path path) {
        try {
            return nonBlank(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> nonBlank(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
}
