/**
 * Closed-form reference laws for Dyson Brownian motion (math-spec §5.2, oracles O19–O21 of §7):
 * the semicircle law, the Wigner surmise, the exact n = 2 spacing law for any β, Tracy–Widom
 * moments and spacing-ratio references. Numbers that are not closed forms are read from resource
 * files under {@code dlmc/reference/} whose headers give their provenance. All classes are
 * immutable and thread-safe.
 */
package dlmc.core.theory;
