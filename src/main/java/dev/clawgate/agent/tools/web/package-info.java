/**
 * {@code web_fetch} and its server-side request forgery guard: one resolution per hop
 * ({@link dev.clawgate.agent.tools.web.HostResolver}), an address policy
 * ({@link dev.clawgate.agent.tools.web.PublicAddressPolicy}), connections pinned to the vetted address, manual
 * redirects, size and time caps, and a small HTML-to-text reducer.
 */
package dev.clawgate.agent.tools.web;
