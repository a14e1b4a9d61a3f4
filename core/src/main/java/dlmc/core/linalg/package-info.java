/**
 * Dense linear algebra kernels on EJML's procedural API: eigenvalues of real symmetric and
 * symmetric tridiagonal matrices, and the full normalised SVD, with reusable workspaces
 * (design.md, "Layout").
 */
package dlmc.core.linalg;
