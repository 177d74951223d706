package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state}: {@code redis} and {@code database}, as URLs or objects, their secrets from the environment and never shown. */
class StateConfigTest {

    @TempDir
    Path dir;

    @Test
    void absentMeansEverythingInProcess() {
        assertThat(new ConfigTestSupport(dir).load("c.json5", "{}").config().state().redis()).isNull();
    }

    @Test
    void aUrlWithItsPasswordFromTheEnvironmentBindsAndIsShownWithoutIt() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("REDIS_PASSWORD", "s3cret-pw"));
        LoadedConfig loaded = configs.load("c.json5", "{ state: { redis: \"rediss://:${REDIS_PASSWORD}@cache.lan:6380/2\" } }");
        StateConfig.Redis redis = loaded.config().state().redis();
        assertThat(redis.url()).isEqualTo("rediss://:s3cret-pw@cache.lan:6380/2");
        assertThat(redis.displayUrl()).isEqualTo("rediss://:<redacted>@cache.lan:6380/2");
        assertThat(redis.toString()).doesNotContain("s3cret-pw");
        List<EffectiveConfigLines.Line> lines = EffectiveConfigLines.of(loaded, Set.of());
        assertThat(lines).filteredOn(l -> l.path().equals("state.redis")).singleElement()
                .satisfies(l -> assertThat(l.value()).isEqualTo("\"rediss://:<redacted>@cache.lan:6380/2\""));
        assertThat(lines).allSatisfy(l -> assertThat(l.value()).doesNotContain("s3cret-pw"));
    }

    @Test
    void theObjectFormKeepsThePasswordApartAndRedacted() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("REDIS_PASSWORD", "s3cret-pw"));
        LoadedConfig loaded = configs.load("c.json5",
                "{ state: { redis: { url: \"redis://127.0.0.1:6379\", password: \"${REDIS_PASSWORD}\" } } }");
        assertThat(loaded.config().state().redis()).isEqualTo(new StateConfig.Redis("redis://127.0.0.1:6379", "s3cret-pw"));
        assertThat(loaded.config().state().redis().toString()).doesNotContain("s3cret-pw");
        assertThat(EffectiveConfigLines.of(loaded, Set.of())).allSatisfy(l -> assertThat(l.value()).doesNotContain("s3cret-pw"));
    }

    @Test
    void aUrlThatIsNotRedisIsAnErrorNamingTheFieldWithoutEchoingIt() {
        List<String> errors = new ConfigTestSupport(dir).errorLines("c.json5",
                "{ state: { redis: \"http://user:pw-in-url@cache:6379\", databse: 1 } }");
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("state.redis", "must start with redis://"))
                .anySatisfy(e -> assertThat(e).contains("state.databse"))
                .allSatisfy(e -> assertThat(e).doesNotContain("pw-in-url"));
        assertThat(new ConfigTestSupport(dir).errorLines("d.json5", "{ state: { redis: { password: \"x\" } } }"))
                .anySatisfy(e -> assertThat(e).contains("state.redis", "url"));
    }

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
