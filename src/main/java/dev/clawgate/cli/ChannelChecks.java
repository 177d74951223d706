package dev.clawgate.cli;

import dev.clawgate.channel.Channel;
import dev.clawgate.channel.ChannelHealth;
import dev.clawgate.config.ChannelsConfig;
import dev.clawgate.config.Environment;
import dev.clawgate.doctor.Finding;
import dev.clawgate.gateway.ChannelWiring;
import dev.clawgate.routing.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code doctor}'s chat channel checks: credentials resolve, and the channel's API accepts them. */
final class ChannelChecks {

    private ChannelChecks() {}

    static List<Finding> check(ChannelsConfig config, Environment env) {
        List<String> problems = new ArrayList<>();
        List<Channel> channels = ChannelWiring.channels(config, env, Sleeper.REAL, Clock.systemUTC(), problems);
        List<Finding> findings = new ArrayList<>();
        for (String p : problems) {
            findings.add(new Finding(Finding.Severity.ERROR, "channels", p, "set the credential named in the message"));
        }
        for (Channel c : channels) {
            try {
                ChannelHealth h = c.probe();
                findings.add(h.up()
                        ? new Finding(Finding.Severity.OK, "channel " + c.id(), "connected as " + h.identity(), null)
                        : new Finding(Finding.Severity.ERROR, "channel " + c.id(), h.reason(),
                                "fix the credential or network problem named here; the gateway keeps retrying"));
            } finally {
                c.stop();
            }
        }
        return findings;
    }
}
