package dev.clawgate.channel;

import dev.clawgate.config.ChannelsConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A channel's access and delivery settings with OpenClaw's defaults applied: DMs by pairing, groups by
 * allowlist with a required mention, replies cut at 4000 characters, the last 50 unmentioned group messages
 * kept as context ({@code historyLimit}; 0 keeps none).
 */
public record ChannelPolicy(DmPolicy dmPolicy, Set<String> allowFrom, String groupPolicy, Set<String> groupAllowFrom,
        Map<String, ChannelsConfig.Group> groups, int textChunkLimit, boolean newlineChunks,
        List<Pattern> mentionPatterns, double mediaMaxMb, int historyLimit) {

    public static final int DEFAULT_CHUNK_LIMIT = 4000;
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    public static ChannelPolicy of(ChannelsConfig.Access access) {
        ChannelsConfig.Access a = access != null ? access : ChannelsConfig.Access.UNSET;
        List<Pattern> patterns = new ArrayList<>();
        for (String p : a.mentionPatterns()) {
            try {
                patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                patterns.add(Pattern.compile(Pattern.quote(p), Pattern.CASE_INSENSITIVE));
            }
        }
        return new ChannelPolicy(DmPolicy.of(a.dmPolicy()), normalised(a.allowFrom()),
                a.groupPolicy() != null ? a.groupPolicy() : "allowlist",
                a.groupAllowFrom() != null ? normalised(a.groupAllowFrom()) : null, a.groups(),
                a.textChunkLimit() != null ? a.textChunkLimit() : DEFAULT_CHUNK_LIMIT, "newline".equals(a.chunkMode()),
                List.copyOf(patterns), a.mediaMaxMb() != null ? a.mediaMaxMb() : 5.0,
                a.historyLimit() != null ? a.historyLimit() : DEFAULT_HISTORY_LIMIT);
    }

    /**
     * A sender or number as allowlists compare it: {@code +15551234567} and {@code 15551234567} are the same,
     * and so are {@code telegram:42}, {@code tg:42} and {@code 42}.
     */
    public static String normalise(String id) {
        String s = id.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("telegram:", "tg:", "whatsapp:", "wa:")) {
            if (lower.startsWith(prefix)) {
                s = s.substring(prefix.length()).strip();
                break;
            }
        }
        return s.startsWith("+") ? s.substring(1) : s;
    }

    private static Set<String> normalised(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        if (ids != null) {
            ids.forEach(id -> out.add(normalise(id)));
        }
        return Set.copyOf(out);
    }
}
