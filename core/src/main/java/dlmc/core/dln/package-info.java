/**
 * Geometry of the deep linear network (math-spec §1–§4, §8): the kernel L_ij, the metric operator
 * 𝒜_{N,X} and metric g^N, the balanced lift to the balanced manifold, and the Boltzmann entropy of
 * the group orbit. Allocation-free workspaces for the model and scheme layers built on top.
 */
package dlmc.core.dln;
