package dev.clawgate.channel;

import dev.clawgate.config.ChannelsConfig;
import java.util.List;

/**
 * Which agent answers a message, from the top-level {@code bindings} in OpenClaw's order: an exact peer
 * match, then a peer wildcard, then the account, then the channel; the default agent otherwise.
 */
public final class AgentBindings {

    public static final String DEFAULT_ACCOUNT = "default";

    private final List<ChannelsConfig.Binding> bindings;

    public AgentBindings(List<ChannelsConfig.Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /** The bound agent id, or null for the default agent. */
    public String agentFor(InboundMessage m) {
        String kind = m.chatType() == ChatType.DIRECT ? "direct" : "group";
        String peer = ChannelPolicy.normalise(m.peerId());
        String best = null;
        int bestRank = 0;
        for (ChannelsConfig.Binding b : bindings) {
            if (!m.channel().equals(b.channel())) {
                continue;
            }
            boolean accountMatches = b.accountId() == null || "*".equals(b.accountId())
                    || DEFAULT_ACCOUNT.equals(b.accountId());
            if (!accountMatches) {
                continue;
            }
            int rank;
            if (b.peerKind() != null || b.peerId() != null) {
                if (b.peerKind() != null && !b.peerKind().equals(kind)) {
                    continue;
                }
                if (b.peerId() == null || "*".equals(b.peerId())) {
                    rank = 3;
                } else if (ChannelPolicy.normalise(b.peerId()).equals(peer)) {
                    rank = 4;
                } else {
                    continue;
                }
            } else {
                rank = DEFAULT_ACCOUNT.equals(b.accountId()) ? 2 : 1;
            }
            if (rank > bestRank) {
                best = b.agentId();
                bestRank = rank;
            }
        }
        return best;
    }
}
