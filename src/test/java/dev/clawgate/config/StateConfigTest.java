package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.redis}: a URL or {@code { url, password }}, its password from the environment and never shown. */
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
}
