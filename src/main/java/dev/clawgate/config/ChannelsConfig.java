package dev.clawgate.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code channels} section (Telegram and WhatsApp) and the top-level {@code bindings}, as written;
 * null fields take the channel's defaults (applied by {@code dev.clawgate.channel}).
 *
 * @param telegram {@code channels.telegram}, or null when absent
 * @param whatsapp {@code channels.whatsapp}, or null when absent
 * @param bindings {@code bindings}: which agent answers which channel, account or peer
 */
public record ChannelsConfig(Telegram telegram, WhatsApp whatsapp, List<Binding> bindings) {

    public static final ChannelsConfig EMPTY = new ChannelsConfig(null, null, List.of());

    public ChannelsConfig {
        bindings = bindings == null ? List.of() : List.copyOf(bindings);
    }

    /**
     * What every channel shares: who may talk to the agent and how replies are cut.
     *
     * @param dmPolicy {@code pairing} | {@code allowlist} | {@code open} | {@code disabled}
     * @param groupPolicy {@code allowlist} | {@code open} | {@code disabled}
     * @param groups {@code groups.<groupId>} ({@code "*"} for every group)
     * @param chunkMode {@code streaming.chunkMode}: {@code length} | {@code newline}
     */
    public record Access(Boolean enabled, String dmPolicy, List<String> allowFrom, String groupPolicy,
            List<String> groupAllowFrom, Map<String, Group> groups, Integer textChunkLimit, String chunkMode,
            Integer historyLimit, List<String> mentionPatterns, Double mediaMaxMb) {

        public static final Access UNSET = new Access(null, null, null, null, null, null, null, null, null, null, null);

        public Access {
            allowFrom = allowFrom == null ? null : List.copyOf(allowFrom);
            groupAllowFrom = groupAllowFrom == null ? null : List.copyOf(groupAllowFrom);
            groups = groups == null ? Map.of() : Map.copyOf(groups);
            mentionPatterns = mentionPatterns == null ? List.of() : List.copyOf(mentionPatterns);
        }
    }

    /** {@code groups.<id>}: whether the group is admitted and whether the bot must be mentioned there. */
    public record Group(Boolean enabled, Boolean requireMention, List<String> allowFrom) {}

    /**
     * {@code channels.telegram}.
     *
     * @param botToken the BotFather token (or {@code tokenFile}, or {@code TELEGRAM_BOT_TOKEN})
     * @param apiRoot the Bot API root without {@code /bot<TOKEN>} (a self-hosted Bot API server)
     * @param webhookUrl set for webhook mode; long polling otherwise
     * @param webhookSecret checked against {@code X-Telegram-Bot-Api-Secret-Token} on every update
     * @param webhookPath the gateway path Telegram posts to
     */
    public record Telegram(Access access, SecretRef botToken, String tokenFile, String apiRoot, String webhookUrl,
            SecretRef webhookSecret, String webhookPath) {}

    /**
     * {@code channels.whatsapp}: the official WhatsApp Business Cloud API.
     *
     * @param cloudApi null when the section has none (an OpenClaw WhatsApp Web config): the channel stays off
     */
    public record WhatsApp(Access access, CloudApi cloudApi) {}

    /** {@code channels.whatsapp.cloudApi}; {@code apiRoot} is the Graph API root including its version. */
    public record CloudApi(String phoneNumberId, SecretRef accessToken, SecretRef appSecret, SecretRef verifyToken,
            String apiRoot) {}

    /**
     * One {@code bindings[]} entry: messages matching {@code channel} (and {@code accountId}, {@code peer}) go
     * to {@code agentId}.
     *
     * @param accountId null for the default account, {@code "*"} for any
     * @param peerKind {@code direct} or {@code group}, or null
     * @param peerId the peer's id, {@code "*"} for any peer of that kind, or null
     */
    public record Binding(String agentId, String channel, String accountId, String peerKind, String peerId) {}
}
