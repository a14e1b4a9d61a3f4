/** The trajectory loop: simulators, save grids, runners (no Spark). */
package dlmc.core.run;
