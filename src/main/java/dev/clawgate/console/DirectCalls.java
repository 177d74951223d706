package dev.clawgate.console;

import dev.clawgate.agent.store.UsageRecord;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The usage of model calls made straight through the inbound APIs ({@code /v1/...}, not agent turns, which
 * the session store's ledger already holds), so that the usage page counts all traffic. Kept in memory and
 * bounded: the newest {@value #MAX} calls; a restart starts empty ({@code /metrics} keeps the totals).
 */
final class DirectCalls {

    static final int MAX = 10_000;

    private final ArrayDeque<UsageRecord> calls = new ArrayDeque<>();

    synchronized void add(UsageRecord call) {
        if (calls.size() == MAX) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    synchronized List<UsageRecord> all() {
        return List.copyOf(calls);
    }
}
