/** How one step is taken; every scheme states its order and calculus ({@link dlmc.core.scheme.SchemeInfo}). */
package dlmc.core.scheme;
