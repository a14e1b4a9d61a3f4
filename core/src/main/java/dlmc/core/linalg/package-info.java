/**
 * Dense linear algebra kernels on EJML's procedural API: eigenvalues of real symmetric and
 * symmetric tridiagonal matrices with reusable workspaces (design.md, "Layout").
 */
package dlmc.core.linalg;
