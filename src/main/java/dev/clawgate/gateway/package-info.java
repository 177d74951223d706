/**
 * The HTTP server users and SDKs talk to: Helidon SE routing for the OpenAI Chat Completions, OpenAI
 * Responses and Anthropic Messages APIs (each an inbound adapter to and from the canonical model in
 * {@code wire}), model listing, health, readiness, metrics, auth and limits, and noticing a client that
 * hangs up mid-call (which cancels the call).
 *
 * <p>May import every package but {@code cli}. Nothing but {@code cli} imports it.
 */
package dev.clawgate.gateway;
