package dlmc.spark.runner;

import dlmc.core.estimate.EstimatorPlan;
import dlmc.core.run.ObservationSink;
import dlmc.core.run.Observation;
import dlmc.core.run.SaveGrid;
import dlmc.core.run.SimulationSpec;
import dlmc.core.run.TrajectoryResult;
import dlmc.core.run.TrajectoryRunner;
import dlmc.spark.config.ExperimentConfig;
import dlmc.spark.plan.TrajectoryPlan;

/**
 * Executor side: runs the trajectories of one chunk with the core runner. No physics here; the
 * simulator and its workspaces are built once per task and reused for every trajectory.
 */
public final class ChunkComputer {
    private final ExperimentConfig config;
    private final TrajectoryPlan plan;
    private final SaveGrid grid;
    private final TrajectoryRunner runner;
    private final SimulationSpec spec;
    private final EstimatorPlan estimatorPlan;
    private final EntropyStage entropy;

    public ChunkComputer(ExperimentConfig config, TrajectoryPlan plan, EstimatorPlan estimatorPlan) {
        this.estimatorPlan = estimatorPlan;
        this.config = config;
        this.plan = plan;
        this.grid = config.grid();
        this.spec = config.simulationSpec();
        this.runner = new TrajectoryRunner(spec, grid, config.seed());
        this.entropy = config.entropyEstimates() ? new EntropyStage(config, spec.spectrumLength()) : null;
    }

    /** Runs chunk {@code c} (trajectory ids in increasing order). */
    public ChunkResult compute(int c) {
        final long first = plan.first(c);
        final int size = plan.size(c);
        final int n = spec.spectrumLength();
        final boolean keepSnapshots = config.snapshots();
        final int maxSnaps = keepSnapshots ? size * grid.size() : 0;

        ChunkResult r = new ChunkResult();
        r.chunk = c;
        r.n = n;
        r.snapId = new long[maxSnaps];
        r.snapTimeIndex = new int[maxSnaps];
        r.snapT = new double[maxSnaps];
        r.spectra = new double[maxSnaps * n];
        r.entropy = new double[maxSnaps];
        r.energy = new double[maxSnaps];
        r.snapStatus = new byte[maxSnaps];
        r.freeEnergy = new double[maxSnaps];
        r.orthogonality = new double[maxSnaps];
        r.balance = new double[maxSnaps];
        r.trajId = new long[size];
        r.trajStatus = new byte[size];
        r.steps = new long[size];
        r.rejected = new long[size];
        r.tReached = new double[size];
        r.snapshotsEmitted = new int[size];
        r.reorders = new long[size];
        r.reflections = new long[size];
        r.biasedRegimeSteps = new long[size];
        final int maxEntropy = entropy == null ? 0 : size * grid.size();
        r.entropyId = new long[maxEntropy];
        r.entropyTimeIndex = new int[maxEntropy];
        r.entropyOffset = new int[maxEntropy + 1];
        final int perSample = entropy == null ? 0 : entropy.fullSpectra() ? n : (n + entropy.stride() - 1) / entropy.stride();
        r.entropyValues = new double[maxEntropy * perSample];
        ChunkSummary s = new ChunkSummary();
        s.chunk = c;
        s.estimator = estimatorPlan.newEstimator();
        r.summary = s;

        ObservationSink sink = new ObservationSink() {
            @Override
            public void snapshot(long id, int timeIndex, Observation obs) {
                if (obs.status.isOk()) {
                    s.estimator.accept(timeIndex, obs);
                    if (entropy != null) {
                        int k = r.entropyCount++;
                        r.entropyId[k] = id;
                        r.entropyTimeIndex[k] = timeIndex;
                        int o = r.entropyOffset[k];
                        final boolean full = entropy.fullSample(id);
                        for (int i = 0; i < n; i++) {
                            if (full || EntropyStage.keep(id, i, entropy.stride())) {
                                r.entropyValues[o++] = obs.spectrum[i];
                            }
                        }
                        r.entropyOffset[k + 1] = o;
                    }
                }
                if (keepSnapshots) {
                    int k = r.snapshotCount++;
                    r.snapId[k] = id;
                    r.snapTimeIndex[k] = timeIndex;
                    r.snapT[k] = obs.t;
                    System.arraycopy(obs.spectrum, 0, r.spectra, k * n, n);
                    r.entropy[k] = obs.entropy;
                    r.energy[k] = obs.energy;
                    r.snapStatus[k] = (byte) obs.status.ordinal();
                    r.freeEnergy[k] = obs.freeEnergy;
                    r.orthogonality[k] = obs.orthogonalityResidual;
                    r.balance[k] = obs.balanceResidual;
                }
            }

            @Override
            public void trajectory(TrajectoryResult t) {
                int k = r.trajectoryCount++;
                r.trajId[k] = t.trajectoryId();
                r.trajStatus[k] = (byte) t.status().ordinal();
                r.steps[k] = t.steps();
                r.rejected[k] = t.rejectedSteps();
                r.tReached[k] = t.tReached();
                r.snapshotsEmitted[k] = t.snapshots();
                r.reorders[k] = t.reorders();
                r.reflections[k] = t.reflections();
                r.biasedRegimeSteps[k] = t.biasedRegimeSteps();
                s.statusCounts[t.status().ordinal()]++;
                s.steps += t.steps();
                s.rejected += t.rejectedSteps();
                s.reorders = ChunkSummary.addCount(s.reorders, t.reorders());
                s.reflections = ChunkSummary.addCount(s.reflections, t.reflections());
                s.biasedRegimeSteps = ChunkSummary.addCount(s.biasedRegimeSteps, t.biasedRegimeSteps());
            }
        };
        for (long id = first; id < first + size; id++) {
            runner.run(id, sink);
        }
        return r;
    }
}
