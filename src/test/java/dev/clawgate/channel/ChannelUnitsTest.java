package dev.clawgate.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.ChannelsConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of the channel layer: access decisions, bindings, chunking, Markdown conversion. */
class ChannelUnitsTest {

    private static InboundMessage dm(String sender, String text) {
        return new InboundMessage("whatsapp", "id-" + text, sender, ChatType.DIRECT, sender, "N", null, text, false, null);
    }

    private static InboundMessage group(String groupId, String sender, String text, boolean mention) {
        return new InboundMessage("telegram", "g-" + text, groupId, ChatType.GROUP, sender, "N", "T", text, mention, null);
    }

    private static ChannelPolicy policy(String dmPolicy, List<String> allowFrom, Map<String, ChannelsConfig.Group> groups,
            List<String> mentionPatterns) {
        return ChannelPolicy.of(new ChannelsConfig.Access(null, dmPolicy, allowFrom, null, null, groups, null, null,
                null, mentionPatterns, null));
    }

    @Test
    void directMessagesFollowTheDmPolicyAndNumbersMatchWithOrWithoutPlus() {
        ChannelPolicy allowlist = policy("allowlist", List.of("+15551234567"), null, null);
        assertThat(AccessPolicy.decide(allowlist, dm("15551234567", "hi"), Set.of())).isEqualTo(AccessDecision.ANSWER);
        assertThat(AccessPolicy.decide(allowlist, dm("+15551234567", "hi"), Set.of())).isEqualTo(AccessDecision.ANSWER);
        assertThat(AccessPolicy.decide(allowlist, dm("4915112345678", "hi"), Set.of())).isEqualTo(AccessDecision.IGNORE);

        ChannelPolicy pairing = policy(null, List.of(), null, null);
        assertThat(AccessPolicy.decide(pairing, dm("7", "hi"), Set.of())).isEqualTo(AccessDecision.PAIR);
        assertThat(AccessPolicy.decide(pairing, dm("7", "hi"), Set.of("7"))).isEqualTo(AccessDecision.ANSWER);
        assertThat(AccessPolicy.decide(policy("open", List.of("*"), null, null), dm("9", "hi"), Set.of()))
                .isEqualTo(AccessDecision.ANSWER);
        assertThat(AccessPolicy.decide(policy("disabled", List.of("*"), null, null), dm("9", "hi"), Set.of()))
                .isEqualTo(AccessDecision.IGNORE);
    }

    @Test
    void groupsNeedTheAllowlistAndAMentionAndPairingNeverOpensThem() {
        ChannelPolicy none = policy(null, List.of(), null, null);
        assertThat(AccessPolicy.decide(none, group("-1", "42", "@bot hi", true), Set.of("42")))
                .isEqualTo(AccessDecision.IGNORE);
        ChannelPolicy listed = policy(null, List.of(), Map.of("-1", new ChannelsConfig.Group(null, null, null),
                "-2", new ChannelsConfig.Group(null, false, null)), List.of("\\bclaw\\b"));
        assertThat(AccessPolicy.decide(listed, group("-1", "42", "hello all", false), Set.of()))
                .isEqualTo(AccessDecision.NOT_MENTIONED);
        assertThat(AccessPolicy.decide(listed, group("-1", "42", "hey claw, help", false), Set.of()))
                .isEqualTo(AccessDecision.ANSWER);
        assertThat(AccessPolicy.decide(listed, group("-2", "42", "no mention needed", false), Set.of()))
                .isEqualTo(AccessDecision.ANSWER);
    }

    @Test
    void bindingsPickTheMostSpecificMatch() {
        AgentBindings bindings = new AgentBindings(List.of(
                new ChannelsConfig.Binding("family", "telegram", null, null, null),
                new ChannelsConfig.Binding("ops", "telegram", null, "group", "-100500"),
                new ChannelsConfig.Binding("groups", "telegram", null, "group", "*"),
                new ChannelsConfig.Binding("work", "whatsapp", "default", null, null)));
        assertThat(bindings.agentFor(group("-100500", "1", "x", true))).isEqualTo("ops");
        assertThat(bindings.agentFor(group("-7", "1", "x", true))).isEqualTo("groups");
        assertThat(bindings.agentFor(new InboundMessage("telegram", "m", "5", ChatType.DIRECT, "5", null, null, "x",
                false, null))).isEqualTo("family");
        assertThat(bindings.agentFor(dm("+1555", "x"))).isEqualTo("work");
        assertThat(new AgentBindings(List.of()).agentFor(dm("1", "x"))).isNull();
    }

    @Test
    void chunksStayWithinTheLimitAndKeepCodeBlocksRenderable() {
        String code = "```java\n" + "int x = 1;\n".repeat(60) + "```";
        String intro = "An introduction long enough to stand as its own message. ".repeat(2).strip();
        String text = intro + "\n\n" + code + "\n\nOutro.";
        List<String> chunks = TextChunker.split(text, 300, false);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.length()).isLessThanOrEqualTo(300);
            assertThat(c.split("```", -1).length % 2).as("balanced fences in %s", c).isEqualTo(1);
        });
        // the cut moves before the code block rather than into it
        assertThat(chunks.get(0)).isEqualTo(intro);
        assertThat(String.join("", chunks).replace("```java", "").replace("```", "").replaceAll("\\s", ""))
                .isEqualTo(text.replace("```java", "").replace("```", "").replaceAll("\\s", ""));

        List<String> lines = TextChunker.split("one\ntwo\n\nthree " + "x".repeat(20), 20, true);
        assertThat(lines).first().isEqualTo("one\ntwo");
    }

    @Test
    void markdownBecomesEachChannelsMarkup() {
        assertThat(MarkdownFormat.toTelegramHtml("**Bold** and *it* <tag> & `a<b` [site](https://x.io)"))
                .isEqualTo("<b>Bold</b> and <i>it</i> &lt;tag&gt; &amp; <code>a&lt;b</code> <a href=\"https://x.io\">site</a>");
        assertThat(MarkdownFormat.toTelegramHtml("```py\nprint(1 < 2)\n```"))
                .isEqualTo("<pre><code class=\"language-py\">print(1 &lt; 2)</code></pre>");
        assertThat(MarkdownFormat.toWhatsApp("# Title\n**Bold** and *it* ~~gone~~ `code`"))
                .isEqualTo("*Title*\n*Bold* and _it_ ~gone~ `code`");
    }
}
