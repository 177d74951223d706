package dev.clawgate.agent.tools.web;

import java.net.InetAddress;

/** Decides whether {@link WebFetchTool} may connect to {@code address}, which {@code host} resolved to. */
@FunctionalInterface
public interface AddressPolicy {

    boolean permits(String host, InetAddress address);
}
