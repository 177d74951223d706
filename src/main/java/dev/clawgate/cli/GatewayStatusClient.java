package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.config.Environment;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a running gateway for its live state ({@code GET /clawgate/status}): cooldowns live in the gateway
 * process, so a separate {@code clawgate models status} has to ask it.
 */
final class GatewayStatusClient {

    /** The gateway's answer, or why there is none. */
    record Live(String url, JsonNode status, String unavailable) {}

    private GatewayStatusClient() {}

    static Live fetch(GatewayConfig gateway, Environment env, Duration timeout) {
        return fetch(gateway, null, env, timeout);
    }

    /**
     * Asks the gateway at {@code explicitUrl} ({@code --gateway}, for one started with {@code --port} or
     * elsewhere), else where the config puts it: {@code gateway.port} on loopback or the custom bind host.
     * The token comes from the config either way.
     */
    static Live fetch(GatewayConfig gateway, String explicitUrl, Environment env, Duration timeout) {
        String host = "custom".equals(gateway.bind()) && gateway.customBindHost() != null
                && !gateway.customBindHost().equals("0.0.0.0") ? gateway.customBindHost() : "127.0.0.1";
        String url = explicitUrl != null ? explicitUrl.replaceAll("/+$", "")
                : "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + gateway.port();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url + "/clawgate/status")).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return new Live(url, null, "--gateway " + url + " is not a URL like http://127.0.0.1:18789");
        }
        if (gateway.auth().token() != null) {
            SecretResolver.resolve(gateway.auth().token(), env)
                    .ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> r = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Live(url, null, "the gateway at " + url + " answered HTTP " + r.statusCode());
            }
            return new Live(url, new ObjectMapper().readTree(r.body()), null);
        } catch (IOException e) {
            return new Live(url, null, "no gateway running at " + url + " (cooldown state lives in the gateway process)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Live(url, null, "interrupted");
        }
    }
}
