/**
 * Telegram through the Bot API (pengrad's java-telegram-bot-api): long polling with a stored offset, or
 * webhook mode checked against {@code webhookSecret}; replies in Telegram's HTML with a plain-text retry.
 *
 * <p>May import {@code dev.clawgate.channel} and what it may import. Must not import {@code gateway} or
 * {@code cli}, nor the other channels.
 */
package dev.clawgate.channel.telegram;
