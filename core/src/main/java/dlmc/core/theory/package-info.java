/**
 * Closed-form reference laws for Dyson Brownian motion (math-spec §5.2, oracles O19–O21 of §7):
 * the semicircle law, the Wigner surmise, the exact n = 2 spacing law for any β, Tracy–Widom
 * moments and spacing-ratio references. For the deep linear network: the Marchenko–Pastur law
 * (O18), the stationary Gibbs law of the layer singular values by quadrature (§3.5, O16/O17) and
 * exact-sampling references of the λ-law (§3.3, O15) and of the depth-one Ornstein–Uhlenbeck law
 * (N = 1 with a quadratic energy). Numbers that are not closed forms are read from resource
 * files under {@code dlmc/reference/} whose headers give their provenance. All classes are
 * immutable and thread-safe.
 */
package dlmc.core.theory;
