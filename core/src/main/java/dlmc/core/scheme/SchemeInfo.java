package dlmc.core.scheme;

/**
 * The contract of a numerical scheme, stated in code (style.md habit 2).
 *
 * @param name        the experiment-file name ({@code scheme.type})
 * @param strongOrder strong (pathwise) order of convergence, or {@code Double.POSITIVE_INFINITY}
 *                    for a scheme exact in law at grid times (no pathwise claim); NaN if none is claimed
 * @param weakOrder   weak order (in law), {@code Double.POSITIVE_INFINITY} if exact in law
 * @param calculus    "Ito", "Stratonovich", "exact", or "ODE" for a deterministic scheme (no noise:
 *                    strong and weak order are then the same classical order)
 * @param note        caveats: e.g. which hypotheses of the classical theory fail
 */
public record SchemeInfo(String name, double strongOrder, double weakOrder, String calculus, String note) {
}
