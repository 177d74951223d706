package dev.clawgate.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.anthropic.AnthropicMessagesAdapter;
import dev.clawgate.upstream.anthropic.AnthropicTokenCounter;
import dev.clawgate.wire.UpstreamException;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a Messages request's prompt with the upstream that would serve it, when that upstream can count:
 * the first candidate of the model's chain that the call may contact ({@code local-only} and unusable
 * models are passed over, as the chat router does). Only Anthropic's API has a count endpoint; for every
 * other upstream, or when the count fails, the caller estimates locally. A count neither cools a model
 * down nor clears its cooldown: it is not a model call.
 */
public final class TokenCountRouter {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCountRouter.class);

    private final ChainResolver resolver;
    private final AnthropicTokenCounter anthropic;
    private final FailoverRouter chat;

    public TokenCountRouter(ChainResolver resolver, AnthropicTokenCounter anthropic, FailoverRouter chat) {
        this.resolver = resolver;
        this.anthropic = anthropic;
        this.chat = chat;
    }

    /** The upstream's count, or empty when the model does not route to an upstream that counts. */
    public OptionalLong count(String model, ObjectNode messagesRequest, RouteOptions options) {
        RouteOptions opts = options != null ? options : RouteOptions.DEFAULT;
        List<ModelSpec> chain;
        try {
            chain = resolver.candidates(model, opts);
        } catch (UnknownModelException e) {
            return OptionalLong.empty(); // counting does not need a servable model; the estimate still answers
        }
        ModelSpec first = chain.stream()
                .filter(m -> opts.dataPolicy().admits(m.provider()))
                .filter(m -> m.unusableReason() == null && m.provider().authAvailable() && !m.isEmbedding())
                .findFirst().orElse(null);
        if (first == null || !AnthropicMessagesAdapter.API.equals(first.api())) {
            return OptionalLong.empty();
        }
        // the prompt goes upstream to be counted: a contact like any other, in the ledger
        ContactLedger.Contact contact = chat.contacts().begin(first, opts, "count_tokens");
        try {
            long tokens = anthropic.count(messagesRequest, first,
                    chat.callOptionsFor(first).withDataPolicy(opts.dataPolicy()).withMeter(contact));
            contact.answered(dev.clawgate.wire.Usage.ZERO);
            return OptionalLong.of(tokens);
        } catch (UpstreamException e) {
            contact.failed(e.failure());
            LOG.info("count_tokens: {} could not count ({}); answering with the local estimate", first.ref(),
                    e.getMessage());
            return OptionalLong.empty();
        }
    }
}
