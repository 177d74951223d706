package dev.clawgate.agent.tools.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name (or an IP literal) into addresses. {@link WebFetchTool} calls it exactly once per hop
 * and connects to one of the addresses it vetted, never to the name, so a second lookup cannot hand it a
 * different (rebound) address. Tests inject a resolver that maps names to loopback without DNS.
 */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver ({@code /etc/hosts}, then DNS); IP literals are parsed, not looked up. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
}
