/** Keyed random streams and Gaussian samplers: the only source of randomness in dlmc. */
package dlmc.core.random;
