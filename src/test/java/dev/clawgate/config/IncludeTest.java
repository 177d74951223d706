package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir, Map.of("SHARED", "shared"));
    }

    @Test
    void includesMergeInOrderAndSiblingsWin() {
        configs.write("conf/providers/local.json5", """
                {
                  providers: {
                    local: { baseUrl: "http://127.0.0.1:8000/v1", timeoutSeconds: 60, models: [{ id: "a" }, { id: "b" }] },
                  },
                }
                """);
        configs.write("conf/providers/more.json5", """
                { mode: "replace", providers: { local: { models: [{ id: "c" }] }, other: { baseUrl: "http://o:1" } } }
                """);
        LoadedConfig loaded = configs.load("conf/main.json5", """
                {
                  models: {
                    $include: ["./providers/local.json5", "providers/more.json5"],
                    mode: "merge",
                    providers: { local: { timeoutSeconds: 300 } },
                  },
                }
                """);
        ModelsConfig models = loaded.config().models();
        assertThat(models.mode()).isEqualTo(ModelsConfig.Mode.MERGE);
        assertThat(models.providers()).containsOnlyKeys("local", "other");
        ProviderConfig local = models.providers().get("local");
        assertThat(local.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(local.timeoutSeconds()).isEqualTo(300);
        assertThat(local.models()).extracting(ModelConfig::id).containsExactly("c"); // arrays replace
        assertThat(loaded.effective().at("/models").has("$include")).isFalse();

        SourceMap sources = loaded.sources();
        assertThat(sources.at("models.providers.local.baseUrl")).hasValue(
                new SourcePosition("conf/providers/local.json5", 3, 23));
        assertThat(sources.at("models.providers.local.timeoutSeconds")).hasValue(
                new SourcePosition("conf/main.json5", 5, 43));
        assertThat(sources.at("models.providers.local.models[0].id")).hasValue(
                new SourcePosition("conf/providers/more.json5", 1, 57));
        assertThat(sources.at("models.providers.local.models[1]")).isEmpty();
        assertThat(sources.origin("models.mode")).isEqualTo("conf/main.json5:4");
        assertThat(sources.files()).hasSize(3);
    }

    @Test
    void problemsInIncludedFilesPointIntoThem() {
        configs.write("inc/agents.json5", "{\n  defaults: { timeoutSeconds: -1 },\n}\n");
        List<String> errors = configs.errorLines("main.json5", "{ agents: { $include: \"inc/agents.json5\" } }");
        assertThat(errors).containsExactly("inc/agents.json5:2:31: agents.defaults.timeoutSeconds: expected a "
                + "positive integer, found the number -1");
    }

    @Test
    void nestedIncludesAreRelativeToTheIncludingFile() {
        configs.write("a/b/inner.json5", "{ port: 9000 }");
        configs.write("a/outer.json5", "{ gateway: { $include: \"b/inner.json5\" } }");
        LoadedConfig loaded = configs.load("main.json5", "{ $include: \"a/outer.json5\" }");
        assertThat(loaded.config().gateway().port()).isEqualTo(9000);
        assertThat(loaded.sources().origin("gateway.port")).isEqualTo("a/b/inner.json5:1");
    }

    @Test
    void includeCycleIsReportedWithItsChain() {
        configs.write("b.json5", "{ $include: \"./a.json5\" }");
        List<String> errors = configs.errorLines("a.json5", "{ gateway: { port: 1 }, $include: \"b.json5\" }");
        assertThat(errors).singleElement().asString().isEqualTo(
                "b.json5:1:13: $include: include cycle: a.json5 -> b.json5 -> a.json5");
    }

    @Test
    void missingIncludeReportsTheResolvedPath() {
        List<String> errors = configs.errorLines("sub/main.json5", "{\n  models: { $include: \"../nope.json5\" },\n}");
        assertThat(errors).singleElement().asString().startsWith("sub/main.json5:2:23: models.$include: included "
                + "file not found: " + dir.resolve("nope.json5").toAbsolutePath().normalize());
    }

    @Test
    void includesNestedTooDeeplyAreRejected() {
        for (int i = 0; i < 12; i++) {
            configs.write("d" + i + ".json5", "{ $include: \"d" + (i + 1) + ".json5\" }");
        }
        configs.write("d12.json5", "{}");
        List<String> errors = configs.errorLines("d0.json5", "{ $include: \"d1.json5\" }");
        assertThat(errors).singleElement().asString().contains("includes are nested more than 10 levels deep: "
                + "d0.json5 -> d1.json5 -> ");
    }

    @Test
    void syntaxErrorInIncludedFileNamesThatFile() {
        configs.write("bad.json5", "{ port: 1,, }");
        List<String> errors = configs.errorLines("main.json5", "{ gateway: { $include: \"bad.json5\" } }");
        assertThat(errors).singleElement().asString().startsWith("bad.json5:1:11: unexpected ','");
    }

    @Test
    void includePathsMayUseVariablesAndMustBeStrings() {
        configs.write("shared.json5", "{ port: 4242 }");
        assertThat(configs.load("main.json5", "{ gateway: { $include: \"${SHARED}.json5\" } }").config().gateway().port())
                .isEqualTo(4242);
        assertThat(configs.errorLines("main.json5", "{ gateway: { $include: 5 } }")).singleElement().asString()
                .contains("gateway.$include: $include must be a file path or a list of file paths, found the number 5");
    }

    @Test
    void includedNonObjectCannotBeMergedWithSiblings() {
        configs.write("list.json5", "[1, 2]");
        assertThat(configs.errorLines("main.json5", "{ gateway: { $include: \"list.json5\", port: 1 } }"))
                .singleElement().asString().contains("the included file must contain an object");
    }
}
