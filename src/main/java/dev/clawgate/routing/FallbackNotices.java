package dev.clawgate.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-line notices agent mode shows when a conversation moves off its selected model or back to it,
 * once per change (not on every turn), so fallbacks are never silent and never noisy.
 */
public final class FallbackNotices {

    private static final int MAX_TRACKED = 10_000;

    /** Conversation key to the fallback model it is currently on; absent while on the selected model. */
    private final ConcurrentHashMap<String, String> onFallback = new ConcurrentHashMap<>();

    /**
     * The notice to show for this turn of {@code conversation}, if its state changed:
     * {@code ↪ Model fallback: anthropic/claude-sonnet-4-5 (selected lmstudio/minimax-m2.1-gs32; connection refused)}
     * or {@code ↪ Back on lmstudio/minimax-m2.1-gs32}.
     */
    public Optional<String> update(String conversation, RoutedStream routed) {
        String selected = routed.attempts().isEmpty() ? routed.model().ref() : routed.attempts().get(0).modelRef();
        String answering = routed.model().ref();
        if (routed.fellBack()) {
            if (onFallback.size() >= MAX_TRACKED && !onFallback.containsKey(conversation)) {
                onFallback.clear(); // bounded memory; worst case one repeated notice per conversation
            }
            String previous = onFallback.put(conversation, answering);
            return answering.equals(previous) ? Optional.empty()
                    : Optional.of(fallbackText(answering, selected, reason(routed)));
        }
        return onFallback.remove(conversation) != null ? Optional.of(backText(answering)) : Optional.empty();
    }

    public static String fallbackText(String answering, String selected, String reason) {
        return "↪ Model fallback: " + answering + " (selected " + selected + "; " + reason + ")";
    }

    public static String backText(String selected) {
        return "↪ Back on " + selected;
    }

    /** {@code connection refused}: the first failure's label, in words. */
    static String reason(RoutedStream routed) {
        String label = RouteHeaders.firstFailureLabel(routed.attempts());
        return label.replace('-', ' ').toLowerCase(Locale.ROOT);
    }
}
