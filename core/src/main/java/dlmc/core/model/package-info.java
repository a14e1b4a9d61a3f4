/** The SDEs: what is integrated (drift, diffusion, initial state), never how it is stepped. */
package dlmc.core.model;
