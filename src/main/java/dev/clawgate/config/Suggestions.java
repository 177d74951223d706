package dev.clawgate.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys and enum values. */
final class Suggestions {

    private Suggestions() {}

    /** {@code "did you mean 'primary'?"} or null when nothing is close. */
    static String didYouMean(String written, Collection<String> candidates) {
        return closest(written, candidates).map(c -> "did you mean '" + c + "'?").orElse(null);
    }

    /**
     * The candidate closest to {@code written}: by optimal-string-alignment (Damerau-Levenshtein) distance,
     * case-insensitively, within about a third of the length; failing that, the one candidate sharing the
     * longest prefix when that prefix covers at least half of what was written ({@code openai-chat} ->
     * {@code openai-completions}).
     */
    static Optional<String> closest(String written, Collection<String> candidates) {
        String input = written.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(input, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(input.length(), best == null ? 0 : best.length()) / 3);
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        String prefixBest = null;
        int prefixLength = 0;
        boolean tie = false;
        for (String candidate : candidates) {
            int p = commonPrefix(input, candidate.toLowerCase(Locale.ROOT));
            if (p > prefixLength) {
                prefixBest = candidate;
                prefixLength = p;
                tie = false;
            } else if (p == prefixLength) {
                tie = true;
            }
        }
        if (prefixBest != null && !tie && prefixLength >= 4 && prefixLength * 2 >= input.length()) {
            return Optional.of(prefixBest);
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
