package dev.clawgate.routing;

import dev.clawgate.catalog.BuiltinProviders;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.upstream.embeddings.EmbeddingsClient;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EmbeddingResult;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Routes an embeddings request down the same candidate chain a chat request for that model walks, with
 * the chat router's rules: the same chain resolution, the data policy ({@code privacy}) decided before any
 * connection, the same cooldowns (an embedding failure cools the model for chat too, and the reverse),
 * no contact with a provider that has no key, and failover on the same failure classes. A candidate whose
 * API serves no embeddings (Anthropic) is skipped, named in the attempts.
 */
public final class EmbeddingsRouter {

    /** The answer and the model that gave it. */
    public record Routed(ModelSpec model, EmbeddingResult result, List<Attempt> attempts) {}

    private final ChainResolver resolver;
    private final Function<String, EmbeddingsClient> clients;
    private final FailoverRouter chat;
    private final Clock clock;

    /**
     * @param clients the client for a model's {@code api}, or null when it serves no embeddings
     * @param chat the chat router whose cooldowns and per-provider call limits this one shares
     */
    public EmbeddingsRouter(ChainResolver resolver, Function<String, EmbeddingsClient> clients, FailoverRouter chat,
            Clock clock) {
        this.resolver = resolver;
        this.clients = clients;
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * @throws UnknownModelException when the model names nothing servable
     * @throws PrivacyBlockedException when the data policy leaves no candidate
     * @throws AllCandidatesFailedException when no candidate answered
     * @throws UpstreamException a failure that must not fail over (a bad request)
     */
    public Routed embed(EmbeddingRequest request, RouteOptions options) {
        RouteOptions opts = options != null ? options : RouteOptions.DEFAULT;
        List<ModelSpec> chain = resolver.candidates(request.model(), opts);
        List<Attempt> attempts = new ArrayList<>();
        if (DataPolicyGate.blocksAll(opts.dataPolicy(), chain)) {
            throw DataPolicyGate.blocked(opts.dataPolicy(), chain, attempts, "embedding model");
        }
        CooldownTracker cooldowns = chat.cooldowns();
        for (ModelSpec model : chain) {
            String outside = DataPolicyGate.skipMessage(opts.dataPolicy(), model);
            if (outside != null) {
                attempts.add(skipped(model, null, outside));
                continue;
            }
            EmbeddingsClient client = model.unusableReason() == null ? clients.apply(model.api()) : null;
            if (client == null) {
                attempts.add(skipped(model, FailureClass.UNKNOWN, model.unusableReason() != null
                        ? model.unusableReason() : "api '" + model.api() + "' serves no embeddings: not contacted"));
                continue;
            }
            if (!model.provider().authAvailable()) {
                attempts.add(skipped(model, FailureClass.AUTH, "no API key for " + model.provider().id()
                        + ": not contacted (set " + BuiltinProviders.apiKeyEnv(model.provider().id()) + ")"));
                continue;
            }
            CooldownTracker.Admission admission = cooldowns.admit(model);
            if (!admission.allowed()) {
                attempts.add(skipped(model, admission.blockedBy().reason(), chat.coolingMessage(admission.blockedBy())));
                continue;
            }
            Instant started = clock.instant();
            ContactLedger.Contact contact = chat.contacts().begin(model, opts, LedgerEntry.EMBEDDINGS);
            try {
                EmbeddingResult result = client.embed(request, model,
                        chat.callOptionsFor(model).withDataPolicy(opts.dataPolicy()).withMeter(contact));
                contact.answered(new Usage(result.promptTokens(), 0, 0, 0, 0, result.estimated()));
                cooldowns.recordSuccess(model);
                attempts.add(new Attempt(model.ref(), null, 0, null, since(started), false, admission.probe()));
                return new Routed(model, result, attempts);
            } catch (UpstreamException e) {
                FailureClass failure = e.failure() != null ? e.failure() : FailureClass.UNKNOWN;
                contact.failed(failure);
                attempts.add(new Attempt(model.ref(), failure, e.status(), e.getMessage(), since(started), false,
                        admission.probe()));
                if (!failure.advancesFallback()) {
                    cooldowns.release(admission);
                    throw e;
                }
                cooldowns.recordFailure(model, failure, e.retryAfter(), admission);
            } catch (RuntimeException e) {
                contact.failed(FailureClass.UNKNOWN);
                cooldowns.release(admission);
                throw e;
            }
        }
        throw new AllCandidatesFailedException(attempts);
    }

    private static Attempt skipped(ModelSpec model, FailureClass reason, String message) {
        return new Attempt(model.ref(), reason, 0, message, Duration.ZERO, true);
    }

    private Duration since(Instant started) {
        Duration d = Duration.between(started, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
