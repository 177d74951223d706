package dev.clawgate.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.ScriptedModelServer;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp Cloud API end to end: Meta's webhook calls signed (or not) as Meta signs them, posted to the gateway
 * without its token; replies checked on a loopback Graph API.
 */
@Timeout(60)
class WhatsAppGatewayTest {

    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCESS_TOKEN = "EAAG-test-token";
    static final String APP_SECRET = "app-secret-123";
    static final String VERIFY_TOKEN = "verify-me";
    static final String GATEWAY_TOKEN = "gateway-token-0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private FakeGraphApi graph;
    private ScriptedModelServer model;
    private GatewayRuntime gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Function<String, ScriptedModelServer.Reply> brain =
            text -> new ScriptedModelServer.Reply("SECRET", "<think>SECRET</think>Hi **there**", java.util.List.of());

    @BeforeEach
    void start() throws Exception {
        graph = new FakeGraphApi(PHONE_NUMBER_ID, ACCESS_TOKEN);
        model = new ScriptedModelServer(1_000_000, r -> brain.apply(r.messages().get(r.messages().size() - 1).text()));
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, """
                {
                  gateway: { auth: { mode: "token", token: "%s" } },
                  agents: { defaults: { model: "local/m", workspace: "%s" } },
                  models: { mode: "replace", providers: { local: { baseUrl: "%s", api: "openai-responses", apiKey: "x",
                    models: [{ id: "m", reasoning: true, input: ["text", "image"], contextWindow: 65536, maxTokens: 1024 }] } } },
                  channels: { whatsapp: { dmPolicy: "allowlist", allowFrom: ["+15551234567"],
                    cloudApi: { phoneNumberId: "%s", accessToken: "%s", appSecret: "%s", verifyToken: "%s",
                      apiRoot: "%s" } } },
                }
                """.formatted(GATEWAY_TOKEN, home.resolve("ws"), model.baseUrl(), PHONE_NUMBER_ID, ACCESS_TOKEN,
                APP_SECRET, VERIFY_TOKEN, graph.apiRoot()));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        gateway = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    @AfterEach
    void stop() {
        gateway.close();
        graph.close();
        model.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    private HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/channels/whatsapp/webhook")))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A webhook notification for one text message, in the Cloud API's shape. */
    static String textMessage(String wamid, String from, String name, String text) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes")
                .addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550100000").put("phone_number_id", PHONE_NUMBER_ID);
        value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", name);
        ObjectNode m = value.putArray("messages").addObject().put("from", from).put("id", wamid)
                .put("timestamp", "1700000000").put("type", "text");
        m.putObject("text").put("body", text);
        return root.toString();
    }

    /** A webhook notification for a photo: the Cloud API sends its media id, never its bytes. */
    static String imageMessage(String wamid, String from, String mediaId, String caption) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(textMessage(wamid, from, "Ada", ""));
        ObjectNode m = (ObjectNode) root.at("/entry/0/changes/0/value/messages/0");
        m.put("type", "image").remove("text");
        m.putObject("image").put("caption", caption).put("mime_type", "image/jpeg")
                .put("sha256", "aGVsbG8=").put("id", mediaId);
        return root.toString();
    }

    static String statusUpdate(String wamid, String status) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes")
                .addObject().put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putArray("statuses").addObject().put("id", wamid).put("status", status).put("timestamp", "1700000001")
                .put("recipient_id", "15551234567");
        return root.toString();
    }

    @Test
    void aPhotoIsFetchedWithTheTokenAndReachesTheModelAsAnImage() throws Exception {
        brain = text -> ScriptedModelServer.Reply.text("A receipt");
        byte[] jpeg = new byte[2500];
        new Random(11).nextBytes(jpeg);
        String mediaId = graph.upload(jpeg);
        String body = imageMessage("wamid.IMG1", "15551234567", mediaId, "what is this?");
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);

        assertThat(graph.sent.next(WAIT).text()).isEqualTo("A receipt");
        assertThat(graph.mediaLookups.drain()).containsExactly(mediaId);
        String encoded = Base64.getEncoder().encodeToString(jpeg);
        assertThat(model.requestBodies()).anySatisfy(b -> assertThat(b)
                .contains("data:image/jpeg;base64," + encoded).contains("what is this?"));
    }

    @Test
    void verificationHandshakeAnswersTheChallengeOnlyForTheRightToken() throws Exception {
        String query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url("/channels/whatsapp/webhook" + query
                + URLEncoder.encode(VERIFY_TOKEN, StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url("/channels/whatsapp/webhook"
                + query + "guess"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void anAllowedMessageIsAnsweredOnceWithOnlyTheFinalTextEvenWhenMetaRedelivers() throws Exception {
        String body = textMessage("wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQz", "15551234567", "Ada", "hello");
        // no gateway token: the webhook is authenticated by Meta's signature alone
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(post(body, sign(body)).statusCode()).isEqualTo(200);

        FakeGraphApi.Sent sent = graph.sent.next(WAIT);
        assertThat(sent.to()).isEqualTo("15551234567");
        assertThat(sent.text()).isEqualTo("Hi *there*");
        assertThat(graph.readReceipts.next(WAIT)).isEqualTo("wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQz/text");

        String next = textMessage("wamid.SECOND", "15551234567", "Ada", "again");
        assertThat(post(next, sign(next)).statusCode()).isEqualTo(200);
        assertThat(graph.sent.next(WAIT).text()).isEqualTo("Hi *there*");
        assertThat(graph.sent.drain()).isEmpty();
        assertThat(model.answered()).hasSize(2);

        // delivery receipts are recorded, not answered
        String status = statusUpdate("wamid.OUT1", "delivered");
        assertThat(post(status, sign(status)).statusCode()).isEqualTo(200);
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(url("/v1/models"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).as("every other path keeps the gateway's auth").isEqualTo(401);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingHappens() throws Exception {
        String body = textMessage("wamid.FORGED", "15551234567", "Mallory", "do something");
        HttpResponse<String> forged = post(body, sign(body.replace("do something", "do something else")));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).isEmpty();
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, "sha256=").statusCode()).isEqualTo(401);

        // a signed message after them is the first thing the agent sees
        String real = textMessage("wamid.REAL", "15551234567", "Ada", "real one");
        assertThat(post(real, sign(real)).statusCode()).isEqualTo(200);
        assertThat(graph.sent.next(WAIT)).isNotNull();
        assertThat(model.answered()).singleElement()
                .satisfies(r -> assertThat(r.messages().get(r.messages().size() - 1).text()).endsWith("real one"));
    }

    @Test
    void aStrangerIsIgnoredAndAReplyOutsideTheWindowIsReported() throws Exception {
        String stranger = textMessage("wamid.STRANGER", "4915112345678", "Eve", "hi");
        assertThat(post(stranger, sign(stranger)).statusCode()).isEqualTo(200);

        graph.failNextSend(FakeGraphApi.error(400, 131047, "(#131047) Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to "
                        + "this number."));
        String late = textMessage("wamid.LATE", "15551234567", "Ada", "late reply please");
        assertThat(post(late, sign(late)).statusCode()).isEqualTo(200);
        ChannelHealth health = awaitHealth();
        assertThat(health.reason()).contains("131047").contains("24-hour");
        assertThat(model.answered()).singleElement()
                .satisfies(r -> assertThat(r.messages().get(r.messages().size() - 1).text()).endsWith("late reply please"));
        assertThat(graph.sent.drain()).isEmpty();
    }

    private ChannelHealth awaitHealth() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ChannelHealth h = gateway.channels().health().get(0);
            if (h.reason() != null && h.reason().contains("undeliverable")) {
                return h;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no delivery failure recorded: " + gateway.channels().health());
    }
}
