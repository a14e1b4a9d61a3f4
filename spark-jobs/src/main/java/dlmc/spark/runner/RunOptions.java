package dlmc.spark.runner;

import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@code run} (interface.md §1). Mutable holder filled by the parser. */
public final class RunOptions {
    public String experiment;
    public String out;
    public String master;
    public String runId;
    public final List<String> sets = new ArrayList<>();
    public boolean resume;
    public boolean verbose;
    public boolean quiet;
}
