package dev.clawgate.gateway;

import dev.clawgate.channel.AgentBindings;
import dev.clawgate.channel.ChannelPolicy;
import dev.clawgate.channel.ChannelRuntime;
import dev.clawgate.config.ChannelsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A config reload's changes to {@code channels} and {@code bindings}. Bindings and each running channel's access
 * and delivery keys ({@code dmPolicy}, {@code allowFrom}, {@code groups}, …) apply to the next message. Keys
 * that would need the channel rebuilt (credentials, API root, webhook, enabling, adding or removing a channel)
 * keep their old values until a restart, and the log names each of them, so that an edit never silently does
 * nothing.
 */
final class ChannelReload {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelReload.class);

    /** What a reload applied now and which keys wait for a restart. */
    record Outcome(List<String> appliedNow, List<String> needRestart) {}

    private ChannelReload() {}

    /** @param runtime the running channels, or null when none runs */
    static Outcome apply(ChannelRuntime runtime, ChannelsConfig before, ChannelsConfig after) {
        List<String> now = new ArrayList<>();
        List<String> restart = new ArrayList<>();
        if (!before.bindings().equals(after.bindings())) {
            if (runtime != null) {
                runtime.bindings(new AgentBindings(after.bindings()));
            }
            now.add("bindings");
        }
        ChannelsConfig.Telegram bt = before.telegram();
        ChannelsConfig.Telegram at = after.telegram();
        if (present(bt, at, "channels.telegram", restart)) {
            changed("channels.telegram.botToken", bt.botToken(), at.botToken(), restart);
            changed("channels.telegram.tokenFile", bt.tokenFile(), at.tokenFile(), restart);
            changed("channels.telegram.apiRoot", bt.apiRoot(), at.apiRoot(), restart);
            changed("channels.telegram.webhookUrl", bt.webhookUrl(), at.webhookUrl(), restart);
            changed("channels.telegram.webhookSecret", bt.webhookSecret(), at.webhookSecret(), restart);
            changed("channels.telegram.webhookPath", bt.webhookPath(), at.webhookPath(), restart);
            access(runtime, "telegram", bt.access(), at.access(), now, restart);
        }
        ChannelsConfig.WhatsApp bw = before.whatsapp();
        ChannelsConfig.WhatsApp aw = after.whatsapp();
        if (present(bw, aw, "channels.whatsapp", restart)) {
            ChannelsConfig.CloudApi bc = bw.cloudApi();
            ChannelsConfig.CloudApi ac = aw.cloudApi();
            if (present(bc, ac, "channels.whatsapp.cloudApi", restart)) {
                changed("channels.whatsapp.cloudApi.phoneNumberId", bc.phoneNumberId(), ac.phoneNumberId(), restart);
                changed("channels.whatsapp.cloudApi.accessToken", bc.accessToken(), ac.accessToken(), restart);
                changed("channels.whatsapp.cloudApi.appSecret", bc.appSecret(), ac.appSecret(), restart);
                changed("channels.whatsapp.cloudApi.verifyToken", bc.verifyToken(), ac.verifyToken(), restart);
                changed("channels.whatsapp.cloudApi.apiRoot", bc.apiRoot(), ac.apiRoot(), restart);
            }
            access(runtime, "whatsapp", bw.access(), aw.access(), now, restart);
        }
        if (!now.isEmpty()) {
            LOG.info("channels: reloaded {}; they apply from the next message", String.join(", ", now));
        }
        if (!restart.isEmpty()) {
            LOG.warn("channels: {} changed but apply only after a restart (the running channels keep their current "
                    + "values until then)", String.join(", ", restart));
        }
        return new Outcome(List.copyOf(now), List.copyOf(restart));
    }

    /** True when both are there to compare; a section added or removed is a restart key. */
    private static boolean present(Object before, Object after, String key, List<String> restart) {
        if (before == null && after == null) {
            return false;
        }
        if (before == null || after == null) {
            restart.add(key + (before == null ? " (added)" : " (removed)"));
            return false;
        }
        return true;
    }

    /** The access keys: {@code enabled} waits for a restart, the rest apply to the running channel now. */
    private static void access(ChannelRuntime runtime, String channel, ChannelsConfig.Access before,
            ChannelsConfig.Access after, List<String> now, List<String> restart) {
        ChannelsConfig.Access b = before != null ? before : ChannelsConfig.Access.UNSET;
        ChannelsConfig.Access a = after != null ? after : ChannelsConfig.Access.UNSET;
        String prefix = "channels." + channel + ".";
        changed(prefix + "enabled", b.enabled(), a.enabled(), restart);
        List<String> live = new ArrayList<>();
        changed(prefix + "dmPolicy", b.dmPolicy(), a.dmPolicy(), live);
        changed(prefix + "allowFrom", b.allowFrom(), a.allowFrom(), live);
        changed(prefix + "groupPolicy", b.groupPolicy(), a.groupPolicy(), live);
        changed(prefix + "groupAllowFrom", b.groupAllowFrom(), a.groupAllowFrom(), live);
        changed(prefix + "groups", b.groups(), a.groups(), live);
        changed(prefix + "textChunkLimit", b.textChunkLimit(), a.textChunkLimit(), live);
        changed(prefix + "streaming.chunkMode", b.chunkMode(), a.chunkMode(), live);
        changed(prefix + "historyLimit", b.historyLimit(), a.historyLimit(), live);
        changed(prefix + "mentionPatterns", b.mentionPatterns(), a.mentionPatterns(), live);
        changed(prefix + "mediaMaxMb", b.mediaMaxMb(), a.mediaMaxMb(), live);
        if (live.isEmpty()) {
            return;
        }
        if (runtime != null && runtime.channel(channel).isPresent()) {
            runtime.channel(channel).get().policy(ChannelPolicy.of(a));
            now.addAll(live);
        } else { // the channel is not running (off, or its credentials did not resolve): nothing to update
            restart.addAll(live);
        }
    }

    private static void changed(String key, Object before, Object after, List<String> out) {
        if (!Objects.equals(before, after)) {
            out.add(key);
        }
    }
}
