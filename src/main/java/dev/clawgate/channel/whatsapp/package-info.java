/**
 * WhatsApp through Meta's official WhatsApp Business Cloud API: the webhook (verification, {@code
 * X-Hub-Signature-256} checked in constant time, messages deduplicated by id) and the Graph API messages
 * endpoint for replies, read receipts and the typing indicator. Plain HTTP and Jackson: Meta publishes no
 * Java client for it.
 *
 * <p>May import {@code dev.clawgate.channel} and what it may import. Must not import {@code gateway} or
 * {@code cli}, nor the other channels.
 */
package dev.clawgate.channel.whatsapp;
