/**
 * Chat channels: the common inbox ({@link dev.clawgate.channel.ChannelDispatcher}) that stores every
 * inbound message before it is acknowledged, decides access ({@link dev.clawgate.channel.AccessPolicy}:
 * pairing, allowlists, mention gating), picks the agent ({@link dev.clawgate.channel.AgentBindings}) and the
 * session ({@code agent:<id>:<channel>:dm:<peer>} / {@code …:group:<id>}), runs the turn and delivers only
 * its final text ({@link dev.clawgate.channel.ReplyDelivery}: chunks, Markdown per channel, plain-text retry,
 * {@code retry_after}). Channel state lives in {@link dev.clawgate.channel.JdbcChannelStore}. One
 * subpackage per channel ({@code telegram}, {@code whatsapp}) adapts its API to {@link
 * dev.clawgate.channel.Channel}.
 *
 * <p>May import {@code wire}, {@code config}, {@code catalog}, {@code routing}, {@code usage}, {@code agent}, {@code state}.
 * Must not import {@code gateway}, {@code cli}, {@code upstream} or HTTP server types: webhooks are plain
 * {@link dev.clawgate.channel.Webhook} handlers that the gateway mounts.
 */
package dev.clawgate.channel;
