package dlmc.spark.runner;

/**
 * A failure that is not bad input (exit status 1) and whose message already says what went wrong
 * and what to do, so that {@code Main} prints it as is, on one line, without the exception's class
 * (e.g. an unreachable Spark master).
 */
public final class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message);
    }
}
