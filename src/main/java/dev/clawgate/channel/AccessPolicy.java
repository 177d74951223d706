package dev.clawgate.channel;

import dev.clawgate.config.ChannelsConfig;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Access control before intelligence: decides from the channel's policy (and the senders approved by
 * pairing) whether a message may reach the agent. Pairing approvals open DMs only, never groups.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /**
     * @param approved senders approved through pairing, normalised ({@link ChannelPolicy#normalise})
     */
    public static AccessDecision decide(ChannelPolicy policy, InboundMessage message, Set<String> approved) {
        String sender = ChannelPolicy.normalise(message.senderId());
        if (message.chatType() == ChatType.DIRECT) {
            return switch (policy.dmPolicy()) {
                case DISABLED -> AccessDecision.IGNORE;
                case OPEN -> policy.allowFrom().contains("*") || policy.allowFrom().contains(sender)
                        ? AccessDecision.ANSWER : AccessDecision.IGNORE;
                case ALLOWLIST -> policy.allowFrom().contains(sender) || approved.contains(sender)
                        ? AccessDecision.ANSWER : AccessDecision.IGNORE;
                case PAIRING -> policy.allowFrom().contains(sender) || policy.allowFrom().contains("*")
                        || approved.contains(sender) ? AccessDecision.ANSWER : AccessDecision.PAIR;
            };
        }
        if (!groupAdmits(policy, message.chatId(), sender)) {
            return AccessDecision.IGNORE;
        }
        return !requiresMention(policy, message.chatId()) || mentioned(policy, message)
                ? AccessDecision.ANSWER : AccessDecision.NOT_MENTIONED;
    }

    private static boolean groupAdmits(ChannelPolicy policy, String groupId, String sender) {
        ChannelsConfig.Group group = group(policy, groupId);
        if ("disabled".equals(policy.groupPolicy()) || (group != null && Boolean.FALSE.equals(group.enabled()))) {
            return false;
        }
        if ("allowlist".equals(policy.groupPolicy()) && group == null) {
            return false;
        }
        Set<String> senders = group != null && group.allowFrom() != null
                ? Set.copyOf(group.allowFrom().stream().map(ChannelPolicy::normalise).toList())
                : policy.groupAllowFrom() != null ? policy.groupAllowFrom()
                : policy.allowFrom().isEmpty() ? null : policy.allowFrom();
        return senders == null || senders.contains("*") || senders.contains(sender);
    }

    private static boolean requiresMention(ChannelPolicy policy, String groupId) {
        ChannelsConfig.Group group = group(policy, groupId);
        return group == null || group.requireMention() == null || group.requireMention();
    }

    private static boolean mentioned(ChannelPolicy policy, InboundMessage message) {
        if (message.mentionsBot()) {
            return true;
        }
        for (Pattern p : policy.mentionPatterns()) {
            if (p.matcher(message.text()).find()) {
                return true;
            }
        }
        return false;
    }

    private static ChannelsConfig.Group group(ChannelPolicy policy, String groupId) {
        ChannelsConfig.Group exact = policy.groups().get(groupId);
        return exact != null ? exact : policy.groups().get("*");
    }
}
