package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds {@code channels.telegram}, {@code channels.whatsapp} and the top-level {@code bindings}. */
final class ChannelsBinder {

    private static final List<String> CHANNELS = List.of("telegram", "whatsapp");
    /** OpenClaw's other channels: accepted with a warning so that an existing file still loads. */
    private static final Set<String> OTHER_CHANNELS = Set.of("discord", "slack", "signal", "imessage", "bluebubbles",
            "googlechat", "msteams", "matrix", "mattermost", "line", "irc", "nostr", "zalo", "zalouser", "feishu",
            "twitch", "tlon", "nextcloud-talk", "synology-chat", "sms", "wechat", "webchat", "defaults", "qqbot");
    private static final List<String> ACCESS_KEYS = List.of("enabled", "dmPolicy", "allowFrom", "groupPolicy",
            "groupAllowFrom", "groups", "textChunkLimit", "streaming", "historyLimit", "mentionPatterns", "mediaMaxMb");
    private static final List<String> TELEGRAM_KEYS = concat(ACCESS_KEYS, List.of("botToken", "tokenFile", "apiRoot",
            "webhookUrl", "webhookSecret", "webhookPath"));
    private static final Set<String> TELEGRAM_OPENCLAW = Set.of("accounts", "defaultAccount", "direct", "joinIntro",
            "execApprovals", "commands", "customCommands", "replyToMode", "threadBindings", "richMessages", "markdown",
            "linkPreview", "responsePrefix", "network", "proxy", "trustedLocalFileRoots", "webhookHost",
            "webhookPort", "webhookCertPath", "capabilities", "actions", "reactionNotifications", "reactionLevel",
            "errorPolicy", "silentErrorReplies", "configWrites", "dmHistoryLimit", "dms", "name", "ackReaction",
            "blockStreaming", "chunkMode", "timeoutSeconds", "retry");
    private static final List<String> WHATSAPP_KEYS = concat(ACCESS_KEYS, List.of("cloudApi"));
    /** WhatsApp Web (Baileys) keys of OpenClaw's WhatsApp channel; the Cloud API has no use for them. */
    private static final Set<String> WHATSAPP_WEB = Set.of("accounts", "defaultAccount", "authDir", "sendReadReceipts",
            "selfChatMode", "ackReaction", "debounceMs", "dms", "dmHistoryLimit", "configWrites", "markdown",
            "actions", "blockStreaming", "chunkMode", "name", "reactionLevel", "heartbeat", "responsePrefix",
            "commands", "capabilities");
    private static final List<String> CLOUD_API_KEYS = List.of("phoneNumberId", "accessToken", "appSecret",
            "verifyToken", "apiRoot");
    private static final List<String> GROUP_KEYS = List.of("enabled", "requireMention", "allowFrom");
    private static final Set<String> GROUP_OPENCLAW = Set.of("tools", "toolsBySender", "topics", "skills",
            "systemPrompt", "historyLimit", "groupPolicy");
    private static final List<String> STREAMING_KEYS = List.of("chunkMode");
    private static final Set<String> STREAMING_OPENCLAW = Set.of("mode", "preview", "block", "draftChunk");
    private static final List<String> BINDING_KEYS = List.of("agentId", "match");
    private static final Set<String> BINDING_OPENCLAW = Set.of("type", "session", "comment", "acp");
    private static final List<String> MATCH_KEYS = List.of("channel", "accountId", "peer");
    private static final Set<String> MATCH_OPENCLAW = Set.of("guildId", "teamId", "roles");
    private static final List<String> PEER_KEYS = List.of("kind", "id");

    private static final List<String> RESERVED_PATHS = List.of("/v1", "/clawgate", "/metrics", "/health", "/ready",
            "/channels/whatsapp");

    private ChannelsBinder() {}

    static ChannelsConfig bind(ObjectFields channels, JsonNode bindings, String bindingsPath, BindContext ctx) {
        ChannelsConfig.Telegram telegram = null;
        ChannelsConfig.WhatsApp whatsapp = null;
        if (channels != null) {
            channels.checkKeys(CHANNELS, withPluginChannels(channels));
            telegram = telegram(channels.object("telegram"));
            whatsapp = whatsapp(channels.object("whatsapp"));
        }
        return new ChannelsConfig(telegram, whatsapp, bindings(bindings, bindingsPath, ctx));
    }

    /**
     * OpenClaw's other channels plus any channel id a plugin may provide ({@code yuanbao}): an object under a
     * name that is not one edit away from a channel OpenClaw bundles, where a misspelling is still an error.
     * Clawgate runs no plugins, so such a channel is ignored with a warning.
     */
    private static Set<String> withPluginChannels(ObjectFields channels) {
        Set<String> out = new java.util.HashSet<>(OTHER_CHANNELS);
        Set<String> bundled = new java.util.HashSet<>(OTHER_CHANNELS);
        bundled.addAll(CHANNELS);
        bundled.addAll(OpenClawKeys.childKeys("channels"));
        for (String key : channels.keys()) {
            JsonNode value = channels.raw(key);
            if (bundled.contains(key) || value == null || !value.isObject()) {
                continue;
            }
            boolean typo = bundled.stream().anyMatch(b -> Suggestions.distance(key.toLowerCase(java.util.Locale.ROOT),
                    b.toLowerCase(java.util.Locale.ROOT)) <= 1);
            if (!typo) {
                out.add(key);
            }
        }
        return out;
    }

    private static ChannelsConfig.Telegram telegram(ObjectFields t) {
        if (t == null) {
            return null;
        }
        t.checkKeys(TELEGRAM_KEYS, TELEGRAM_OPENCLAW);
        String webhookPath = t.nonEmptyString("webhookPath");
        if (webhookPath != null && !webhookPath.startsWith("/")) {
            t.ctx().error(t.pathOf("webhookPath"), "must start with '/'", "write \"/" + webhookPath + "\"");
            webhookPath = null;
        }
        if (webhookPath != null && RESERVED_PATHS.stream().anyMatch(webhookPath::startsWith)) {
            // a webhook path is exempt from the gateway token: it must never cover one of the gateway's own paths
            t.ctx().error(t.pathOf("webhookPath"), "'" + webhookPath + "' is one of the gateway's own paths",
                    "use a path of its own, e.g. \"/channels/telegram/webhook\"");
            webhookPath = null;
        }
        SecretRef secret = SecretRefBinder.bind(t, "webhookSecret");
        String webhookUrl = t.nonEmptyString("webhookUrl");
        if (webhookUrl != null && secret == null) {
            t.ctx().error(t.pathOf("webhookUrl"), "webhook mode needs webhookSecret (Telegram sends it with every "
                    + "update, so that nobody else can post updates to the gateway)",
                    "add webhookSecret: \"${TELEGRAM_WEBHOOK_SECRET}\" (1-256 characters A-Z a-z 0-9 _ -)");
        }
        return new ChannelsConfig.Telegram(access(t), SecretRefBinder.bind(t, "botToken"), t.nonEmptyString("tokenFile"),
                t.nonEmptyString("apiRoot"), webhookUrl, secret, webhookPath);
    }

    private static ChannelsConfig.WhatsApp whatsapp(ObjectFields w) {
        if (w == null) {
            return null;
        }
        List<String> webKeys = w.keys().stream().filter(WHATSAPP_WEB::contains).toList();
        w.checkKeys(WHATSAPP_KEYS, WHATSAPP_WEB);
        ObjectFields c = w.object("cloudApi");
        if (c == null) {
            if (!w.has("cloudApi")) {
                w.ctx().warning(w.path(), "this WhatsApp section is for WhatsApp Web"
                        + (webKeys.isEmpty() ? "" : " (" + String.join(", ", webKeys) + ")")
                        + "; Clawgate talks to the official WhatsApp Business Cloud API instead, so the channel stays "
                        + "off", "add cloudApi: { phoneNumberId, accessToken, appSecret, verifyToken } from your Meta "
                        + "app's WhatsApp > API Setup page");
            }
            return new ChannelsConfig.WhatsApp(access(w), null);
        }
        c.checkKeys(CLOUD_API_KEYS, Set.of());
        boolean complete = c.require("phoneNumberId") & c.require("accessToken") & c.require("appSecret")
                & c.require("verifyToken");
        ChannelsConfig.CloudApi cloud = new ChannelsConfig.CloudApi(c.nonEmptyString("phoneNumberId"),
                SecretRefBinder.bind(c, "accessToken"), SecretRefBinder.bind(c, "appSecret"),
                SecretRefBinder.bind(c, "verifyToken"), c.nonEmptyString("apiRoot"));
        return new ChannelsConfig.WhatsApp(access(w), complete ? cloud : null);
    }

    private static ChannelsConfig.Access access(ObjectFields f) {
        String dmPolicy = f.oneOf("dmPolicy", List.of("pairing", "allowlist", "open", "disabled"), List.of());
        List<String> allowFrom = f.stringList("allowFrom");
        if ("open".equals(dmPolicy) && (allowFrom == null || !allowFrom.contains("*"))) {
            f.ctx().warning(f.pathOf("dmPolicy"), "dmPolicy \"open\" admits everyone only with \"*\" in allowFrom; "
                    + "without it only the listed senders are answered", "add allowFrom: [\"*\"]");
        }
        String chunkMode = null;
        ObjectFields streaming = f.has("streaming") && f.raw("streaming").isObject() ? f.object("streaming") : null;
        if (streaming != null) {
            streaming.checkKeys(STREAMING_KEYS, STREAMING_OPENCLAW);
            chunkMode = streaming.oneOf("chunkMode", List.of("length", "newline"), List.of());
        } else if (f.has("streaming")) {
            f.ctx().openClawOnlyKey(f.pathOf("streaming"), "streaming");
        }
        return new ChannelsConfig.Access(f.bool("enabled"), dmPolicy, allowFrom,
                f.oneOf("groupPolicy", List.of("allowlist", "open", "disabled"), List.of()),
                f.stringList("groupAllowFrom"), groups(f.object("groups")),
                f.intInRange("textChunkLimit", 1, 4096, "a length from 1 to 4096"), chunkMode,
                f.nonNegativeInt("historyLimit"), mentionPatterns(f), f.nonNegativeNumber("mediaMaxMb"));
    }

    /**
     * The channel's own mention patterns (a list of regexes). OpenClaw also accepts an object here, a policy
     * over the global patterns ({@code mode}, {@code allowIn}, {@code denyIn}), which Clawgate ignores.
     */
    private static List<String> mentionPatterns(ObjectFields f) {
        ObjectFields policy = f.raw("mentionPatterns") != null && f.raw("mentionPatterns").isObject()
                ? f.object("mentionPatterns") : null;
        if (policy == null) {
            return f.stringList("mentionPatterns");
        }
        policy.checkKeys(List.of(), Set.of("mode", "allowIn", "denyIn"));
        return null;
    }

    private static Map<String, ChannelsConfig.Group> groups(ObjectFields groups) {
        if (groups == null) {
            return null;
        }
        Map<String, ChannelsConfig.Group> out = new LinkedHashMap<>();
        for (String id : groups.keys()) {
            ObjectFields g = ObjectFields.of(groups.raw(id), groups.pathOf(id), groups.ctx());
            if (g == null) {
                continue;
            }
            g.checkKeys(GROUP_KEYS, GROUP_OPENCLAW);
            out.put(id, new ChannelsConfig.Group(g.bool("enabled"), g.bool("requireMention"), g.stringList("allowFrom")));
        }
        return out;
    }

    private static List<ChannelsConfig.Binding> bindings(JsonNode value, String path, BindContext ctx) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            ctx.error(path, "expected a list of {agentId, match: {channel, accountId, peer}}, found "
                    + JsonTypes.describe(value, path), null);
            return List.of();
        }
        List<ChannelsConfig.Binding> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            ObjectFields b = ObjectFields.of(value.get(i), ConfigPaths.index(path, i), ctx);
            if (b == null) {
                continue;
            }
            b.checkKeys(BINDING_KEYS, BINDING_OPENCLAW);
            boolean complete = b.require("agentId") & b.require("match");
            String agentId = b.nonEmptyString("agentId");
            ObjectFields m = b.object("match");
            if (!complete || agentId == null || m == null) {
                continue;
            }
            m.checkKeys(MATCH_KEYS, MATCH_OPENCLAW);
            if (!m.require("channel")) {
                continue;
            }
            String kind = null;
            String peerId = null;
            ObjectFields peer = m.object("peer");
            if (peer != null) {
                peer.checkKeys(PEER_KEYS, Set.of());
                kind = peer.oneOf("kind", List.of("direct", "group"), List.of("channel", "dm"));
                peerId = peer.nonEmptyString("id");
            }
            out.add(new ChannelsConfig.Binding(agentId, m.nonEmptyString("channel"), m.nonEmptyString("accountId"),
                    kind, peerId));
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
