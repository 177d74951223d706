package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.database}: a JDBC URL or { url, user, password }, its secrets never shown. */
class StateConfigTest {

    @TempDir
    Path dir;

    @Test
    void aUrlStringOrAnObjectWithSecretsFromVariables() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("PGPASSWORD", "pg-s3cret"));
        assertThat(configs.load("default.json5", "{}").config().state().database()).isNull();
        assertThat(configs.load("url.json5", "{ state: { database: \"jdbc:postgresql://db:5432/claw?user=u&password=p\" } }")
                .config().state().database().url()).isEqualTo("jdbc:postgresql://db:5432/claw?user=u&password=p");

        LoadedConfig loaded = configs.load("object.json5", """
                { state: { database: { url: "jdbc:postgresql://db:5432/claw", user: "claw", password: "${PGPASSWORD}" } } }
                """);
        StateConfig.Database db = loaded.config().state().database();
        assertThat(db).isEqualTo(new StateConfig.Database("jdbc:postgresql://db:5432/claw", "claw", "pg-s3cret"));
        assertThat(db.toString()).doesNotContain("pg-s3cret");
        assertThat(EffectiveConfigLines.of(loaded, Set.of())).extracting(EffectiveConfigLines.Line::value)
                .noneMatch(v -> v.contains("pg-s3cret"));
        assertThat(EffectiveConfigLines.of(configs.load("url2.json5",
                "{ state: { database: \"jdbc:postgresql://db/claw?password=p4ss\" } }"), Set.of()))
                .extracting(EffectiveConfigLines.Line::value).noneMatch(v -> v.contains("p4ss"));
    }

    @Test
    void mistakesNameTheFieldButNeverEchoTheUrl() {
        List<String> errors = new ConfigTestSupport(dir).errorLines("bad.json5", """
                { state: { database: "postgres://u:hunter2@db/claw", cache: 1 } }
                """);
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("state.database", "jdbc:postgresql://"))
                .anySatisfy(e -> assertThat(e).contains("state.cache"))
                .allSatisfy(e -> assertThat(e).doesNotContain("hunter2"));
        assertThat(new ConfigTestSupport(dir).errorLines("nourl.json5", "{ state: { database: { user: \"u\" } } }"))
                .anySatisfy(e -> assertThat(e).contains("state.database", "url"));
    }
}
