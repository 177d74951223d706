package dev.clawgate.routing;

import dev.clawgate.budget.Budgets;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.ledger.Ledger;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The router as the gateway and the agent runtime build it: one HTTP transport, the upstream adapters on
 * it, and a {@link FailoverRouter} over the catalog's chains with cooldowns and the local load probe. The
 * catalog comes from a supplier so a config reload changes chains without rebuilding (or forgetting the
 * cooldown state of) the router. Closing it closes the transport.
 */
public final class RouterStack implements AutoCloseable {

    private final Http1Transport transport;
    private final UpstreamAdapters adapters;
    private final FailoverRouter router;
    private EmbeddingsRouter embeddings;
    private TokenCountRouter tokenCounts;

    private RouterStack(Http1Transport transport, UpstreamAdapters adapters, FailoverRouter router) {
        this.transport = transport;
        this.adapters = adapters;
        this.router = router;
    }

    public static RouterStack open(Supplier<ModelCatalog> catalog, Clock clock) {
        return open(catalog, clock, null);
    }

    /** @param budgets spending budgets the router reserves against before each priced call, or null */
    public static RouterStack open(Supplier<ModelCatalog> catalog, Clock clock, Budgets budgets) {
        return open(catalog, clock, budgets, null);
    }

    /** @param ledger where every upstream contact is recorded (the data-flow ledger), or null */
    public static RouterStack open(Supplier<ModelCatalog> catalog, Clock clock, Budgets budgets, Ledger ledger) {
        Http1Transport transport = new Http1Transport();
        UpstreamAdapters adapters = new UpstreamAdapters(transport);
        FailoverRouter router = FailoverRouter.builder(new CatalogChainResolver(catalog, new LocalModelDiscovery(clock)), adapters::forApi)
                .clock(clock)
                .cooldowns(new CooldownTracker(clock))
                .loadProbe(new LocalModelState(clock))
                .budgets(budgets)
                .ledger(ledger)
                .build();
        RouterStack stack = new RouterStack(transport, adapters, router);
        stack.embeddings = new EmbeddingsRouter(new CatalogChainResolver(catalog),
                new dev.clawgate.upstream.embeddings.EmbeddingsClients(transport)::forApi, router, clock);
        stack.tokenCounts = new TokenCountRouter(new CatalogChainResolver(catalog),
                new dev.clawgate.upstream.anthropic.AnthropicTokenCounter(transport), router);
        return stack;
    }

    public FailoverRouter router() {
        return router;
    }

    /** {@code /v1/embeddings}: the same chains, privacy filter and cooldowns as {@link #router()}. */
    public EmbeddingsRouter embeddings() {
        return embeddings;
    }

    /** {@code /v1/messages/count_tokens}: the upstream's count where the model routes to Anthropic. */
    public TokenCountRouter tokenCounts() {
        return tokenCounts;
    }

    /** For keep-warm pings and probes that talk to upstreams outside the router. */
    public UpstreamAdapters adapters() {
        return adapters;
    }

    @Override
    public void close() {
        transport.close();
    }
}
