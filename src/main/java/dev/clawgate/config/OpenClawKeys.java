package dev.clawgate.config;

import java.util.Set;

/**
 * Keys OpenClaw's schema accepts that Clawgate does not implement, per object. They load with a warning
 * (so an existing openclaw.json works unchanged); any other unknown key is an error. Collected from
 * OpenClaw's docs and schema (reference: openclaw-model-layer.md §1-3, §7, openclaw-gateway-agent.md).
 */
final class OpenClawKeys {

    private OpenClawKeys() {}

    static final Set<String> ROOT = Set.of("channels", "plugins", "bindings", "session", "tools", "messages",
            "commands", "hooks", "skills", "auth", "env", "logging", "meta", "wizard", "browser", "ui", "talk",
            "cron", "secrets", "diagnostics", "update", "web", "broadcast", "audio", "media", "approvals",
            "canvasHost", "discovery", "nodeHost", "memory", "acp", "mcp", "cli", "identity");

    static final Set<String> MODELS = Set.of("bedrockDiscovery", "pricing");

    static final Set<String> PROVIDER = Set.of("auth", "injectNumCtxForOpenAICompat", "request", "localService",
            "agentRuntime");

    static final Set<String> MODEL = Set.of("thinkingLevelMap", "baseUrl");

    static final Set<String> AGENTS = Set.of("entries");

    static final Set<String> DEFAULTS = Set.of("imageModel", "pdfModel", "thinkingDefault", "heartbeat",
            "subagents", "sandbox", "maxConcurrent", "userTimezone", "blockStreamingDefault", "verboseDefault",
            "elevatedDefault", "memorySearch", "contextPruning", "bootstrapMaxChars", "modelPolicy",
            "skipBootstrap", "humanDelay", "typingMode", "utilityModel", "mediaModels", "imageGenerationModel",
            "modelSelectionScope", "reasoningDefault", "skills", "systemAgent", "experimental", "llm",
            "blockStreamingBreak", "blockStreamingChunk", "bootstrapTotalMaxChars", "typingIntervalSeconds",
            "mediaMaxMb", "timeFormat", "envelopeTimezone", "repoRoot", "cliBackends");

    static final Set<String> MODEL_ENTRY = Set.of("agentRuntime", "codeMode");

    static final Set<String> COMPACTION = Set.of("enabled", "reserveTokensFloor", "provider", "thinkingLevel",
            "timeoutSeconds", "recentTurnsPreserve", "identifierPolicy", "qualityGuard", "postCompactionSections",
            "postIndexSync", "truncateAfterCompaction", "notifyUser", "memoryFlush", "maxHistoryShare",
            "midTurnPrecheck", "maxActiveTranscriptBytes");

    static final Set<String> AGENT = Set.of("name", "identity", "params", "subagents", "agentDir", "sandbox",
            "groupChat", "heartbeat", "skills", "humanDelay", "models", "modelPolicy", "memorySearch",
            "thinkingDefault");

    static final Set<String> TOOLS = Set.of("alsoAllow", "byProvider", "elevated", "exec", "web", "agentToAgent",
            "media", "links", "sandbox");

    static final Set<String> GATEWAY = Set.of("mode", "controlUi", "reload", "tailscale", "remote",
            "trustedProxies", "nodes", "tls", "publicOrigin", "tools", "channelHealthCheckMinutes",
            "allowRealIpFallback", "push");

    static final Set<String> CONTROL_UI = Set.of("root", "allowInsecure", "allowExternalEmbedUrls",
            "automaticallyFetchFavicons", "chatMessageMaxWidth", "communityInvite", "dangerouslyAllowHostHeaderOriginFallback",
            "dangerouslyDisableDeviceAuth", "embedSandbox", "environment", "experimental", "github", "sessionObserver",
            "sessionPullRequests", "status", "toolTitles");

    static final Set<String> GATEWAY_AUTH = Set.of("password", "allowTailscale", "rateLimit", "trustedProxy");

    static final Set<String> GATEWAY_HTTP = Set.of("securityHeaders", "allowSessionKeyOverride");

    static final Set<String> ENDPOINT = Set.of("maxBodyBytes", "files", "images", "maxUrlParts");

    static final Set<String> SECRET_REF = Set.of("provider");
}
