/** The {@code anthropic-messages} upstream API: request encoder, stream decoder, whole-response decoder. */
package dev.clawgate.upstream.anthropic;
