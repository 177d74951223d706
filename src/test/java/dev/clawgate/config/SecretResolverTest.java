package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

    @TempDir
    Path home;

    @Test
    void resolvesLiteralsVariablesAndFiles() throws IOException {
        Files.createDirectories(home.resolve(".clawgate"));
        Files.writeString(home.resolve(".clawgate/token"), "  tok-123\n");
        Environment env = Environment.of(Map.of("KEY", "sk-1"), home);

        assertThat(SecretResolver.resolve(new SecretRef.Literal("lmstudio"), env)).hasValue("lmstudio");
        assertThat(SecretResolver.resolve(new SecretRef.Env("KEY"), env)).hasValue("sk-1");
        assertThat(SecretResolver.resolve(new SecretRef.File("~/.clawgate/token"), env)).hasValue("tok-123");
        assertThat(SecretResolver.resolve(new SecretRef.File(".clawgate/token"), env)).hasValue("tok-123");
    }

    @Test
    void missingThingsAreEmptyNotExceptions() {
        Environment env = Environment.of(Map.of(), home);
        assertThat(SecretResolver.resolve(new SecretRef.Env("NOPE"), env)).isEmpty();
        assertThat(SecretResolver.resolve(new SecretRef.File("no/such/file"), env)).isEmpty();
        assertThat(SecretResolver.resolve(new SecretRef.File(home.toString()), env)).isEmpty();
        assertThat(SecretResolver.resolve(new SecretRef.Literal("  "), env)).isEmpty();
        assertThat(SecretResolver.resolve(null, env)).isEmpty();
    }

    @Test
    void literalsNeverPrint() {
        assertThat(new SecretRef.Literal("sk-secret").toString()).doesNotContain("sk-secret");
    }
}
