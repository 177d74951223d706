package dev.clawgate.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions: the candidates closest to a mistyped reference, best first. */
final class NearestMatches {

    private static final int LIMIT = 5;

    private record Scored(String candidate, int distance) {}

    private NearestMatches() {}

    /**
     * Candidates within a small edit distance of {@code query} (compared case-insensitively, as a whole
     * and by the part after the first '/', so a typo in the model id alone still matches), or containing
     * it / contained in it.
     */
    static List<String> of(String query, Collection<String> candidates) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        String qModel = afterSlash(q);
        int threshold = Math.max(2, q.length() / 3);
        List<Scored> scored = new ArrayList<>();
        for (String candidate : new LinkedHashSet<>(candidates)) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = Math.min(distance(q, c), distance(qModel, afterSlash(c)));
            boolean contains = q.length() >= 3 && (c.contains(q) || afterSlash(c).contains(qModel));
            if (d <= threshold || contains) {
                scored.add(new Scored(candidate, contains ? Math.min(d, threshold) : d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate));
        if (scored.isEmpty()) {
            return List.of();
        }
        // a near-exact match makes the merely similar ones noise: keep those about as close as the best
        int cutoff = scored.get(0).distance() * 2 + 1;
        return scored.stream().filter(s -> s.distance() <= cutoff).limit(LIMIT).map(Scored::candidate).toList();
    }

    private static String afterSlash(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
