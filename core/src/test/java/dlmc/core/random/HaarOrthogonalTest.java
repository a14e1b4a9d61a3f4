package dlmc.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlmc.core.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Haar sampler on O_d (math-spec §0.3): orthogonality and reproducibility (deterministic). */
class HaarOrthogonalTest {
    @Test
    void samplesAreOrthogonalAndReproducible() {
        for (int d : new int[] {1, 2, 3, 6}) {
            final HaarOrthogonal haar = new HaarOrthogonal(d);
            final DMatrixRMaj a = new DMatrixRMaj(d, d);
            final DMatrixRMaj b = new DMatrixRMaj(d, d);
            haar.sample(Streams.of(5, d), a);
            new HaarOrthogonal(d).sample(Streams.of(5, d), b);
            assertArrayEquals(a.data, b.data, 0.0, "same stream, same matrix");
            assertEquals(0.0, Svd.orthogonalityResidual(a), 50 * d * Math.ulp(1.0));
        }
    }
}
