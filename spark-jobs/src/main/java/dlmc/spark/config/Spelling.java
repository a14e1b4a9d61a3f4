package dlmc.spark.config;

import java.util.Collection;
import java.util.Locale;

/**
 * Edit distance and "did you mean" suggestions for misspelt keys and values. Stateless.
 */
final class Spelling {
    private Spelling() {
    }

    /**
     * @return the edit distance between a and b counting insertions, deletions, substitutions and swaps of two
     *         adjacent characters ({@code tiem} is one edit from {@code time}): the optimal-string-alignment
     *         variant of the Damerau-Levenshtein distance
     */
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
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + c);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The allowed value a misspelt value most likely meant: the unique nearest candidate (ignoring
     * case) within max(1, length / 3) edits, e.g. {@code svd_frame} → {@code svd-frame},
     * {@code gbee} → {@code gbe}. Ties give no suggestion ({@code d7} is as close to d1 as to d2).
     *
     * @return the candidate, or null when none is close or several are equally close
     */
    static String closestValue(String value, Collection<String> candidates) {
        return closest(value, candidates, Math.max(1, value.trim().length() / 3));
    }

    /**
     * The key a misspelt key most likely meant: the unique nearest candidate (ignoring case) within
     * max(2, length / 3) edits, e.g. {@code normalisation} → {@code normalization}, {@code tiem} → {@code time}.
     *
     * @return the candidate, or null when none is close or several are equally close
     */
    static String closestKey(String key, Collection<String> candidates) {
        return closest(key, candidates, Math.max(2, key.length() / 3));
    }

    /** @return as {@link #closestKey}, but only a candidate at most one edit away */
    static String oneEditFrom(String key, Collection<String> candidates) {
        return closest(key, candidates, 1);
    }

    private static String closest(String word, Collection<String> candidates, int maxDistance) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        boolean tie = false;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
                tie = false;
            } else if (d == bestD && !c.equals(best)) {
                tie = true;
            }
        }
        if (best == null || tie || bestD > maxDistance || best.equals(word)) {
            return null;
        }
        return best;
    }

    /** @return "; did you mean 'x'?" for {@link #closestValue}, or "" when there is no suggestion */
    static String didYouMeanValue(Object value, Collection<String> candidates) {
        if (!(value instanceof String s)) {
            return "";
        }
        String best = closestValue(s, candidates);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }
}
