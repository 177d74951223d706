package dev.clawgate.routing;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.ServerModelList;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Run-time discovery for local providers, as OpenClaw does it: a model of a local (loopback/LAN) provider that
 * the config does not declare is looked up in the server's own model list when it is first used. Listed: it is
 * served, with the context window the server reports (vLLM {@code max_model_len}, LM Studio's loaded or maximum
 * context, Ollama's running or trained {@code context_length}). Not listed: an error naming what the server has.
 * A server that cannot be asked is not second-guessed: the model is tried as written and the call's own
 * failure (refused, timed out) is what the user sees. Listings are cached briefly per server.
 */
public final class LocalModelDiscovery {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final ServerModelList lister;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Integer> ollamaContext = new ConcurrentHashMap<>();

    private record Cached(Optional<ServerModelList.Listing> listing, Instant at) {}

    public LocalModelDiscovery(Clock clock) {
        this(new ServerModelList(DEFAULT_TIMEOUT), clock);
    }

    public LocalModelDiscovery(ServerModelList lister, Clock clock) {
        this.lister = lister;
        this.clock = clock;
    }

    /** A model of {@code provider} the config does not name at all: made up from the server's listing. */
    public ModelSpec discover(ProviderSpec provider, String modelId, String requested) {
        ModelSpec asWritten = new ModelSpec(provider, modelId, modelId, provider.api(), false, List.of("text"),
                ModelCost.FREE, ModelSpec.DEFAULT_CONTEXT_WINDOW, null, null, null, false);
        return confirm(asWritten, requested);
    }

    /**
     * A local model the config names but does not declare (or one just discovered), checked against the server:
     * the same model with the server's context window, or {@link UnknownModelException} naming the server's models.
     */
    public ModelSpec confirm(ModelSpec model, String requested) {
        Optional<ServerModelList.Listing> listing = listing(model.provider());
        if (listing.isEmpty() || listing.get().failure() != null || listing.get().ids().isEmpty()) {
            return model;
        }
        ServerModelList.Listing l = listing.get();
        if (!l.lists(model.id())) {
            String has = String.join(", ", new TreeSet<>(l.ids()));
            throw new UnknownModelException(requested, "model \"" + model.ref() + "\" is not on " + model.provider().id()
                    + "'s server (" + model.provider().baseUrl() + "); it has: " + has
                    + ". Load or pull it there, or use one of these.",
                    l.ids().stream().sorted().map(id -> model.provider().id() + "/" + id).toList());
        }
        Integer window = l.contextWindow(model.id());
        if (window == null && "ollama".equals(model.api())) {
            window = ollamaContext(model.provider(), model.id());
        }
        if (window == null || window == model.contextWindow()) {
            return model;
        }
        return model.withContextWindow(window);
    }

    /** The server's listing (cached), or empty when it could not be asked. */
    public Optional<ServerModelList.Listing> listing(ProviderSpec provider) {
        Instant now = clock.instant();
        String key = provider.baseUrl() + "|" + provider.api();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.at().plus(CACHE_TTL))) {
            return cached.listing();
        }
        Optional<ServerModelList.Listing> listing;
        try {
            listing = Optional.of(lister.list(provider));
        } catch (IOException e) {
            listing = Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        cache.put(key, new Cached(listing, now));
        return listing;
    }

    private Integer ollamaContext(ProviderSpec provider, String id) {
        String key = provider.baseUrl() + "|" + id;
        Integer known = ollamaContext.get(key);
        if (known != null) {
            return known;
        }
        try {
            var length = lister.ollamaContextLength(provider, id);
            if (length.isPresent()) {
                ollamaContext.put(key, length.getAsInt());
                return length.getAsInt();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
