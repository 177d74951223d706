package dev.clawgate.e2e;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A gateway whose default chain is {@code a/m} (the upstream under test) and, optionally, {@code b/m} (its
 * fallback), both {@code openai-completions} providers on loopback stand-ins; shared by the fault tests
 * and the fault table.
 */
final class FaultyChain {

    /** What a stand-in answers to {@code GET /v1/models} (the router's load probe asks it). */
    static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}";

    private FaultyChain() {}

    /**
     * Writes the config into {@code home} and starts the gateway on a free port.
     *
     * @param primaryExtra more keys of provider {@code a}, each followed by a comma
     * @param gatewayExtra the body of the {@code gateway} object
     */
    static GatewayRuntime start(Path home, String primaryUrl, String fallbackUrl, String primaryExtra,
            String gatewayExtra, Clock clock) throws IOException {
        String b = fallbackUrl == null ? "" : "b: { baseUrl: \"" + fallbackUrl + "\", api: \"openai-completions\","
                + " models: [{ id: \"m\", name: \"m\" }] },";
        String config = "{\n"
                + "  agents: { defaults: { model: { primary: \"a/m\", fallbacks: " + (fallbackUrl == null ? "[]" : "[\"b/m\"]")
                + " } } },\n"
                + "  models: { mode: \"replace\", providers: {\n"
                + "    a: { baseUrl: \"" + primaryUrl + "\", api: \"openai-completions\", " + primaryExtra
                + " models: [{ id: \"m\", name: \"m\" }] },\n"
                + "    " + b + "\n"
                + "  } },\n"
                + "  gateway: { " + gatewayExtra + " },\n"
                + "}\n";
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, config);
        return GatewayRuntime.start(Environment.of(Map.of(), home), file, new GatewayRuntime.Overrides(0, null), clock);
    }

    static String chatBody(boolean stream) {
        return "{\"model\":\"a/m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** Sends a chat request on a raw connection and returns it open, for a client that will hang up. */
    static Socket sendRaw(int port, boolean stream) throws IOException {
        byte[] body = chatBody(stream).getBytes(StandardCharsets.UTF_8);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return s;
    }
}
