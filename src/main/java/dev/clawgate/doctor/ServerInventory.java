package dev.clawgate.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.ServerModelList;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks a model server what it serves, the way a user would with {@code curl}: LM Studio's
 * {@code /api/v0/models} (ids, load state, loaded context length), Ollama's {@code /api/tags} and
 * {@code /api/ps}, and the OpenAI-style {@code /v1/models} (vLLM adds {@code max_model_len}). For
 * {@code openai-responses} providers it also checks that {@code /responses} exists by sending a body
 * naming a configured model but no input, which a server with the endpoint rejects as invalid without
 * generating. vLLM and LM Studio answer 404 for an unknown model too ("The model `x` does not exist"), so a
 * 404 whose body talks about a model means the endpoint is there; only a 404 (or 405) about the route
 * means it is missing.
 */
public final class ServerInventory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerModelList lister;
    private final Duration timeout;

    public ServerInventory(Duration timeout) {
        this.timeout = timeout;
        this.lister = new ServerModelList(timeout);
    }

    public ServerReport inspect(ProviderSpec provider) {
        return inspect(provider, null);
    }

    /** As {@link #inspect(ProviderSpec)}, probing {@code /responses} with {@code modelId} (one the config uses). */
    public ServerReport inspect(ProviderSpec provider, String modelId) {
        try {
            ServerModelList.Listing listing = lister.list(provider);
            ServerReport report = new ServerReport(true, listing.failure(), listing.ids(), listing.loaded(),
                    listing.contextInUse(), null);
            return listing.failure() != null ? report : withResponsesCheck(report, provider, modelId);
        } catch (ConnectException e) {
            return ServerReport.unreachable("connection refused");
        } catch (HttpConnectTimeoutException e) {
            return ServerReport.unreachable("no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return ServerReport.unreachable("connected, but no answer within " + timeout.toMillis() + " ms (hung or still loading)");
        } catch (IOException e) {
            return ServerReport.unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerReport.unreachable("interrupted");
        }
    }

    private ServerReport withResponsesCheck(ServerReport report, ProviderSpec provider, String modelId)
            throws IOException, InterruptedException {
        if (!"openai-responses".equals(provider.api())) {
            return report;
        }
        String body = modelId == null ? "{}" : JSON.createObjectNode().put("model", modelId).toString();
        HttpRequest.Builder post = lister.request(provider.baseUrl() + "/responses", provider)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = lister.client().send(post.build(), HttpResponse.BodyHandlers.ofString());
        boolean missing = (answer.statusCode() == 404 || answer.statusCode() == 405)
                && !answer.body().toLowerCase(java.util.Locale.ROOT).contains("model");
        return new ServerReport(report.reachable(), report.failure(), report.models(), report.loaded(),
                report.contextLimits(), !missing);
    }
}
