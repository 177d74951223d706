package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    @Test
    void parsesAssignmentsQuotesCommentsAndExport() {
        Map<String, String> vars = DotEnv.parse("""
                # a comment
                PLAIN=value
                SPACED = spaced value   # trailing comment
                export EXPORTED=yes
                DOUBLE="a \\"quoted\\" # not a comment\\nnext"
                SINGLE='literal \\n $X # kept'
                EMPTY=
                HASH=abc#def
                MULTI="line1
                line2"
                not an assignment
                1BAD=x
                WINDOWS=crlf\r
                """);
        assertThat(vars).containsEntry("PLAIN", "value")
                .containsEntry("SPACED", "spaced value")
                .containsEntry("EXPORTED", "yes")
                .containsEntry("DOUBLE", "a \"quoted\" # not a comment\nnext")
                .containsEntry("SINGLE", "literal \\n $X # kept")
                .containsEntry("EMPTY", "")
                .containsEntry("HASH", "abc#def")
                .containsEntry("MULTI", "line1\nline2")
                .containsEntry("WINDOWS", "crlf")
                .doesNotContainKeys("1BAD", "not an assignment");
    }

    @Test
    void processEnvironmentWinsOverWorkingDirectoryWhichWinsOverHome(@TempDir Path tmp) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cwd = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(home.resolve(".clawgate"));
        Files.writeString(cwd.resolve(".env"), "A=from-cwd\nB=from-cwd\nE=from-cwd\n");
        Files.writeString(home.resolve(".clawgate/.env"), "A=from-home\nB=from-home\nC=from-home\nE=from-home\n");

        Environment env = DotEnv.layered(Map.of("A", "from-process", "E", ""), home, cwd);

        assertThat(env.get("A")).hasValue("from-process");
        assertThat(env.get("B")).hasValue("from-cwd");
        assertThat(env.get("C")).hasValue("from-home");
        assertThat(env.get("E")).as("an empty variable counts as unset").hasValue("from-cwd");
        assertThat(env.get("D")).isEmpty();
        assertThat(env.home()).isEqualTo(home);
        assertThat(env.workingDirectory()).isEqualTo(cwd);
    }

    @Test
    void missingDotEnvFilesAreFine(@TempDir Path tmp) {
        Environment env = DotEnv.layered(Map.of("X", "1"), tmp.resolve("nohome"), tmp.resolve("nocwd"));
        assertThat(env.variables()).containsExactly(Map.entry("X", "1"));
    }

    @Test
    void dotEnvFeedsConfigSubstitution(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve(".env"), "LOCAL_URL=http://127.0.0.1:9999/v1\n");
        Environment env = DotEnv.layered(Map.of(), tmp, tmp);
        Path config = Files.writeString(tmp.resolve("c.json5"), "{ models: { providers: { l: { baseUrl: \"${LOCAL_URL}\" } } } }");
        ConfigLoader loader = new ConfigLoader(env);
        assertThat(loader.load(loader.locate(config)).config().models().providers().get("l").baseUrl())
                .isEqualTo("http://127.0.0.1:9999/v1");
    }

    @Test
    void dotEnvValuesExpandVariablesFromTheProcessAndEarlierLinesButNotSingleQuotedOnes(@TempDir Path tmp)
            throws IOException {
        Files.writeString(tmp.resolve(".env"), """
                HOST=10.0.0.5
                BASE=http://${HOST}:${PORT}/v1
                QUOTED="Bearer ${TOKEN}"
                LITERAL='${HOST}'
                ESCAPED=$${HOST}
                UNKNOWN=[${NOT_SET_ANYWHERE}]
                """);
        Environment env = DotEnv.layered(Map.of("PORT", "1234", "TOKEN", "t0k"), tmp.resolve("nohome"), tmp);
        assertThat(env.get("BASE")).hasValue("http://10.0.0.5:1234/v1");
        assertThat(env.get("QUOTED")).hasValue("Bearer t0k");
        assertThat(env.get("LITERAL")).hasValue("${HOST}");
        assertThat(env.get("ESCAPED")).hasValue("${HOST}");
        assertThat(env.get("UNKNOWN")).hasValue("[]");
    }
}
