/**
 * The Control UI and WebChat: the JSON API under {@code /clawgate/api/} (see docs/control-ui.md), its live
 * event feed (Server-Sent Events read with {@code fetch}, so the gateway token travels in the
 * {@code Authorization} header and never in a URL), and the page shell with its static files, served from
 * the jar with a strict Content-Security-Policy. Read models only: the router's decisions and cooldowns,
 * the agent runtime's sessions and usage ledger, the effective config and the doctor's findings; a chat
 * message goes through the agent runtime like any other.
 *
 * <p>May import {@code wire}, {@code config}, {@code catalog}, {@code routing}, {@code upstream},
 * {@code usage}, {@code agent}, {@code doctor}. Must not import {@code gateway}, {@code channel} or
 * {@code cli}: the gateway mounts these routes and hands in what it owns (open streams, the abort call).
 */
package dev.clawgate.console;
