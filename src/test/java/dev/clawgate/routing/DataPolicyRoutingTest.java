package dev.clawgate.routing;

import static dev.clawgate.testing.FakeUpstream.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.PrivacyConfig;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Data policies against loopback upstreams: a candidate outside the policy's regions is never contacted (its
 * upstream's request count proves it), the policy fails closed with the skipped candidates and why, an explicit
 * hosted region on a 127.0.0.1 relay beats its address, and OpenRouter is told the policy in its body.
 */
@Timeout(20)
class DataPolicyRoutingTest {

    private Http1Transport transport;
    private FakeUpstream eu;
    private FakeUpstream us;
    private FakeUpstream local;

    @BeforeEach
    void start() throws Exception {
        transport = new Http1Transport();
        eu = new FakeUpstream().on("/", answer("from the eu"));
        us = new FakeUpstream().on("/", answer("from the us"));
        local = new FakeUpstream().on("/", answer("from this machine"));
    }

    @AfterEach
    void stop() {
        eu.close();
        us.close();
        local.close();
        transport.close();
    }

    /** A provider on a loopback fake whose region is written explicitly (a relay that forwards elsewhere). */
    static ProviderSpec relay(String id, String baseUrl, String region, ObjectNode params) {
        return new ProviderSpec(id, baseUrl, "openai-completions", "sk-test", "config", Map.of(), false,
                Duration.ofSeconds(5), params, false, true, null, null, region);
    }

    private static ModelSpec model(ProviderSpec provider) {
        return Specs.model(provider, "m", 32_768);
    }

    private FailoverRouter router(List<ModelSpec> chain) {
        return FailoverRouter.builder((model, options) -> chain, new UpstreamAdapters(transport)::forApi).build();
    }

    private static RouteOptions policy(List<String> regions) {
        return PrivacyPolicy.apply(RouteOptions.DEFAULT, new PrivacyConfig(regions, null));
    }

    private static String drain(EventStream stream) {
        return StreamText.drain(stream);
    }

    @Test
    void aRegionPolicyNeverContactsAnOutOfRegionProvider() {
        List<ModelSpec> chain = List.of(model(relay("usvendor", us.baseUrl(), "us", null)),
                model(relay("euvendor", eu.baseUrl(), "eu", null)));

        RoutedStream routed = router(chain).open(ChatRequest.ofUserText(null, "secret"), policy(List.of("eu", "local")));

        assertThat(drain(routed)).isEqualTo("from the eu");
        assertThat(us.modelCalls()).isEmpty();
        assertThat(eu.modelCalls()).hasSize(1);
        assertThat(routed.attempts().get(0).message()).isEqualTo("privacy regions [eu, local]: usvendor/m is in region"
                + " us (127.0.0.1, a local address whose models.providers.usvendor.region says it forwards elsewhere)"
                + " and was not contacted");
        assertThat(RouteHeaders.attempts(routed.attempts())).isEqualTo("usvendor/m=skipped-data-policy,euvendor/m=ok");
    }

    @Test
    void nothingLeftFailsClosedListingEachSkippedCandidateAndWhy() {
        ProviderSpec unknown = new ProviderSpec("myproxy", "https://llm.example.invalid/v1", "openai-completions",
                "sk-test", "config", Map.of(), false, Duration.ofSeconds(5), null, false, true);
        List<ModelSpec> chain = List.of(model(relay("usvendor", us.baseUrl(), "us", null)), model(unknown));

        PrivacyBlockedException e = catchThrowableOfType(PrivacyBlockedException.class,
                () -> router(chain).open(ChatRequest.ofUserText(null, "secret"), policy(List.of("eu"))));

        assertThat(us.modelCalls()).isEmpty();
        assertThat(e.attempts()).hasSize(2).allSatisfy(a -> assertThat(a.skipped()).isTrue());
        assertThat(e.getMessage()).startsWith("privacy regions [eu]: usvendor/m is in region us (127.0.0.1")
                .contains("; myproxy/m has no known region (llm.example.invalid): set models.providers.myproxy.region"
                        + " and was not contacted")
                .endsWith("; configure a model in one of those regions, or set the provider's region");
    }

    @Test
    void anExplicitHostedRegionOnALoopbackRelayIsNotLocal() {
        List<ModelSpec> chain = List.of(model(relay("litellm", us.baseUrl(), "us", null)),
                model(relay("lmstudio", local.baseUrl(), null, null)));
        assertThat(chain.get(1).provider().region()).isEqualTo("local");

        RoutedStream routed = router(chain).open(ChatRequest.ofUserText(null, "secret"),
                PrivacyPolicy.apply(RouteOptions.DEFAULT, PrivacyConfig.LOCAL_ONLY_POLICY));

        assertThat(drain(routed)).isEqualTo("from this machine");
        assertThat(us.modelCalls()).isEmpty();
        assertThat(RouteHeaders.attempts(routed.attempts())).isEqualTo("litellm/m=skipped-not-local,lmstudio/m=ok");

        PrivacyBlockedException e = catchThrowableOfType(PrivacyBlockedException.class,
                () -> router(chain.subList(0, 1)).open(ChatRequest.ofUserText(null, "secret"),
                        new RouteOptions(null, true)));
        assertThat(e.getMessage()).isEqualTo("privacy local-only: litellm/m is in region us (127.0.0.1, a local"
                + " address whose models.providers.litellm.region says it forwards elsewhere) and was not contacted;"
                + " configure a local model");
        assertThat(us.modelCalls()).isEmpty();
    }

    @Test
    void theStrictestOfSeveralSettingsApplies() {
        RouteOptions both = PrivacyPolicy.apply(policy(List.of("eu", "us")), new PrivacyConfig(List.of("eu", "local"),
                PrivacyConfig.DENY));
        assertThat(both.dataPolicy()).isEqualTo(new DataPolicy(Set.of("eu"), true));
        assertThat(PrivacyPolicy.apply(both, null)).isSameAs(both);
        assertThat(PrivacyPolicy.apply(both, new PrivacyConfig(List.of("us"), null)).dataPolicy().regions()).isEmpty();
    }

    @Test
    void openRouterIsToldThePolicySoItCannotRouteAroundIt() throws Exception {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.putObject("provider").put("sort", "price").putArray("order").add("mistral");
        ObjectNode perModel = JsonNodeFactory.instance.objectNode();
        perModel.putObject("provider").putArray("only").add("mistral");
        ModelSpec openrouter = model(relay("openrouter", eu.baseUrl(), "eu", params)).withParams(perModel);

        drain(router(List.of(openrouter)).open(ChatRequest.ofUserText(null, "hi"), policy(List.of("eu"))));
        drain(router(List.of(openrouter)).open(ChatRequest.ofUserText(null, "hi"), RouteOptions.DEFAULT));

        ObjectMapper json = new ObjectMapper();
        JsonNode underPolicy = json.readTree(eu.modelCalls().get(0).body()).get("provider");
        assertThat(underPolicy.get("data_collection").asText()).isEqualTo("deny");
        assertThat(underPolicy.get("zdr").asBoolean()).isTrue();
        assertThat(underPolicy.get("allow_fallbacks").asBoolean()).isFalse();
        assertThat(underPolicy.get("order").get(0).asText()).isEqualTo("mistral"); // the user's params pass through
        assertThat(underPolicy.get("sort").asText()).isEqualTo("price");
        assertThat(underPolicy.get("only").get(0).asText()).isEqualTo("mistral"); // and the model's own params
        JsonNode withoutPolicy = json.readTree(eu.modelCalls().get(1).body()).get("provider");
        assertThat(withoutPolicy.has("zdr")).isFalse();
        assertThat(withoutPolicy.get("order").get(0).asText()).isEqualTo("mistral");
    }

    @Test
    void aPolicyLeavesOtherProvidersBodiesAlone() throws Exception {
        drain(router(List.of(model(relay("euvendor", eu.baseUrl(), "eu", null)))).open(
                ChatRequest.ofUserText(null, "hi"), policy(List.of("eu"))));

        assertThat(new ObjectMapper().readTree(eu.modelCalls().get(0).body()).has("provider")).isFalse();
    }
}
