/**
 * Energies E(X) of the end-to-end matrix and their Frobenius gradients (math-spec §1.1): the
 * "what is minimised" part of the deep-linear-network models (design.md, "Layout").
 */
package dlmc.core.energy;
