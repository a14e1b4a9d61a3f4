/** Observables computed at save times. */
package dlmc.core.observe;
