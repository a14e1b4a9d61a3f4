package dlmc.spark.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import dlmc.spark.kryo.DlmcKryoRegistrator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkStore#HEADER} names the Kryo layout of a checkpoint: the classes registered by
 * {@link DlmcKryoRegistrator} in registration order (their Kryo ids) and the serialised
 * (non-static, non-transient) fields of the dlmc classes among them. A checkpoint written by a
 * dlmc with another layout must carry another header, or {@code --resume} misreads it (measured:
 * a SpectralEstimator written before the unfolded-spacing fields fails to read with "KryoException:
 * Buffer underflow ... unfolded (dlmc.core.estimate.SpectralEstimator)"). When this test fails,
 * bump the version in {@link ChunkStore#HEADER} and add the new fingerprint below.
 */
class ChunkLayoutTest {
    /** Header → fingerprint of the layout it names. */
    private static final Map<String, String> LAYOUTS = Map.of(
            "dlmc-chunk-result-v2\n", "7a197027471249a9", // up to 3710be3
            "dlmc-chunk-result-v3\n", "fe516692003c369d", // + PooledHistogram/MomentAccumulator in SpectralEstimator
            "dlmc-chunk-result-v4\n", "a46caf4e0b68372b", // + EstimatorLayout.exactMoment1/2 (theory of a given spectrum)
            // the same fields, but ChunkSummary.statusCounts is one longer (Status.DIVERGED): a v4 array would be read
            // short and its merge index past its end
            "dlmc-chunk-result-v5\n", "a46caf4e0b68372b");

    @Test
    void headerNamesTheCurrentKryoLayout() throws Exception {
        String header = new String(ChunkStore.HEADER, StandardCharsets.US_ASCII);
        assertEquals(LAYOUTS.get(header), fingerprint(), "the Kryo layout of a chunk checkpoint changed but "
                + "ChunkStore.HEADER (" + header.trim() + ") did not: bump its version and record the fingerprint here");
    }

    static String fingerprint() throws Exception {
        Kryo kryo = new Kryo();
        new DlmcKryoRegistrator().registerClasses(kryo);
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < kryo.getNextRegistrationId(); id++) {
            Registration r = kryo.getRegistration(id);
            if (r == null) {
                continue;
            }
            Class<?> c = r.getType();
            sb.append(id).append('=').append(c.getName());
            if (c.getName().startsWith("dlmc.")) {
                List<String> fields = new ArrayList<>();
                for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                            fields.add(f.getName() + ":" + f.getGenericType().getTypeName());
                        }
                    }
                }
                Collections.sort(fields);
                sb.append(fields);
            }
            sb.append('\n');
        }
        byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%064x", new BigInteger(1, h)).substring(0, 16);
    }
}
