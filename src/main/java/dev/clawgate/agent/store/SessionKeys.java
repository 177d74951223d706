package dev.clawgate.agent.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Session keys in OpenClaw's shapes: {@code agent:<agentId>:main}, {@code agent:<agentId>:openai-user:<user>}
 * and {@code agent:<agentId>:<name>}. A key is a routing selector, never an authorisation token.
 *
 * <p>Agent ids are lower-cased (as OpenClaw normalises them) and may hold letters, digits, {@code -} and
 * {@code _}, so the agent part of a key is unambiguous. The rest may be any printable text up to
 * {@value #MAX_PART_LENGTH} characters; control characters are refused because keys show up in logs.
 */
public final class SessionKeys {

    public static final int MAX_PART_LENGTH = 200;
    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private SessionKeys() {}

    public static String main(String agentId) {
        return prefix(agentId) + "main";
    }

    /** The session of one caller of the OpenAI-compatible HTTP API, by the request's {@code user} field. */
    public static String openAiUser(String agentId, String user) {
        return prefix(agentId) + "openai-user:" + checkedPart(user, "user");
    }

    /** Any other session of the agent, e.g. {@code named("main", "telegram:dm:42")}. */
    public static String named(String agentId, String name) {
        return prefix(agentId) + checkedPart(name, "session name");
    }

    /** The agent id of a key made here; throws for anything else. */
    public static String agentIdOf(String key) {
        if (key == null || !key.startsWith("agent:")) {
            throw new IllegalArgumentException("not an agent session key: " + key);
        }
        int end = key.indexOf(':', "agent:".length());
        if (end < 0) {
            throw new IllegalArgumentException("not an agent session key: " + key);
        }
        return normaliseAgentId(key.substring("agent:".length(), end));
    }

    public static String normaliseAgentId(String agentId) {
        String id = agentId == null ? "" : agentId.trim().toLowerCase(Locale.ROOT);
        if (!AGENT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid agent id \"" + agentId
                    + "\" (letters, digits, - and _, at most 64)");
        }
        return id;
    }

    private static String prefix(String agentId) {
        return "agent:" + normaliseAgentId(agentId) + ":";
    }

    private static String checkedPart(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (value.length() > MAX_PART_LENGTH) {
            throw new IllegalArgumentException("the " + what + " is longer than " + MAX_PART_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("the " + what + " contains a control character");
            }
        }
        return value;
    }
}
