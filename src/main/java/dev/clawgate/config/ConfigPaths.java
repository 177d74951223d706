package dev.clawgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JSON paths as used in every problem message and in {@link SourceMap}:
 * {@code models.providers.lmstudio.models[0].contextWindow}; keys that are not identifiers are quoted,
 * {@code agents.defaults.models["anthropic/claude-opus-4-6"].alias}. The root is the empty string.
 */
public final class ConfigPaths {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private ConfigPaths() {}

    /** The path of member {@code key} of the object at {@code parent}. */
    public static String child(String parent, String key) {
        String segment = IDENTIFIER.matcher(key).matches() ? key : quote(key);
        if (segment.startsWith("[")) {
            return parent + segment;
        }
        return parent.isEmpty() ? segment : parent + "." + segment;
    }

    /** The path of element {@code index} of the array at {@code parent}. */
    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code relative} (a path from some node's point of view) placed under {@code prefix}. */
    public static String join(String prefix, String relative) {
        if (relative.isEmpty()) {
            return prefix;
        }
        if (prefix.isEmpty() || relative.startsWith("[")) {
            return prefix + relative;
        }
        return prefix + "." + relative;
    }

    /** True when {@code path} is {@code prefix} itself or lies inside it. */
    public static boolean isWithin(String path, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        return path.equals(prefix) || (path.startsWith(prefix)
                && (path.charAt(prefix.length()) == '.' || path.charAt(prefix.length()) == '['));
    }

    /** The path of the object or array holding {@code path}; the root's parent is the root. */
    public static String parent(String path) {
        int lastStart = 0;
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                lastStart = i;
                i++;
            } else if (c == '[') {
                lastStart = i;
                if (i + 1 < path.length() && path.charAt(i + 1) == '"') {
                    i += 2;
                    while (i < path.length() && path.charAt(i) != '"') {
                        i += path.charAt(i) == '\\' ? 2 : 1;
                    }
                }
                i++;
            } else {
                i++;
            }
        }
        return path.substring(0, lastStart);
    }

    /** The key or index segments of a path ({@code a.b[0]["x/y"]} gives {@code a, b, 0, x/y}). */
    public static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                StringBuilder key = new StringBuilder();
                i += 2;
                while (i < path.length() && path.charAt(i) != '"') {
                    if (path.charAt(i) == '\\' && i + 1 < path.length()) {
                        i++;
                    }
                    key.append(path.charAt(i++));
                }
                out.add(key.toString());
                i += 2; // closing quote and bracket
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                end = end < 0 ? path.length() : end;
                out.add(path.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                out.add(path.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /**
     * Whether the value at {@code jsonPath} is a credential that must be redacted when shown: any
     * {@code apiKey}, {@code auth.token}, a {@code password}, and header values named
     * {@code authorization}, {@code x-api-key} or containing {@code key}, {@code token} or {@code secret}.
     */
    /** Chat channel credentials ({@code channels.telegram.botToken}, {@code channels.whatsapp.cloudApi.*}). */
    private static final java.util.Set<String> CHANNEL_SECRETS = java.util.Set.of("botToken", "webhookSecret",
            "accessToken", "appSecret", "verifyToken");

    public static boolean isSecret(String jsonPath) {
        List<String> segments = segments(jsonPath);
        if (segments.isEmpty()) {
            return false;
        }
        String last = segments.get(segments.size() - 1);
        String lower = last.toLowerCase(Locale.ROOT);
        if (last.equals("apiKey") || lower.equals("password")) {
            return true;
        }
        if (jsonPath.equals("state.database") || jsonPath.equals("state.database.url")) {
            return true; // a JDBC URL may carry ?password=
        }
        if (CHANNEL_SECRETS.contains(last)) {
            return true;
        }
        if (segments.get(0).equals("env") && segments.size() >= 2 && !segments.get(1).equals("shellEnv")
                && !(segments.size() == 2 && segments.get(1).equals("vars"))) {
            return true; // the env block's variables are often API keys
        }
        if (segments.size() >= 2) {
            String parent = segments.get(segments.size() - 2);
            if ((parent.equals("auth") || segments.contains("keys") && segments.get(0).equals("gateway"))
                    && last.equals("token")) {
                return true;
            }
            if (parent.equals("headers")) {
                return lower.equals("authorization") || lower.equals("proxy-authorization")
                        || lower.contains("key") || lower.contains("token") || lower.contains("secret")
                        || lower.contains("cookie");
            }
        }
        return false;
    }

    private static String quote(String key) {
        return "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
