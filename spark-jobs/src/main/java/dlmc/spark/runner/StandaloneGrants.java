package dlmc.spark.runner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The executors a standalone master has granted this driver's application, for {@link ExecutorWait}.
 *
 * <p>Right after the application registers, the master allocates its executors and tells the
 * driver, which logs one INFO line per executor ("Granted executor ID app-…/0 on hostPort … with
 * 1 core(s), …", {@code StandaloneSchedulerBackend.executorAdded}, Spark 4.2.0) — seconds before
 * those executors have started and registered. Spark has no public API for the grants, so this
 * class listens to that logger: {@link #install} gives it an appender of its own (INFO, not
 * additive, so the grants do not reach the console; its warnings and errors still do) that counts
 * them. Where the message is not seen (a
 * different Spark version or logging backend), {@link #executors} stays 0 and the wait falls back to
 * its quiet-window rule.
 */
final class StandaloneGrants {
    static final String LOGGER = "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend";
    private static final Pattern GRANTED = Pattern.compile("^Granted executor ID (\\S+) on hostPort \\S+ with ([0-9]+) core\\(s\\)");
    private static final Pattern REMOVED = Pattern.compile("^Executor (\\S+) removed:");
    /** Granted executors (full id, app-…/N) and their cores; removed ones are taken out again. */
    static final Map<String, Integer> GRANTS = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    private StandaloneGrants() {
    }

    /** @return the executors granted so far and not removed (0 when none, or when the grants could not be observed) */
    static int executors() {
        return GRANTS.size();
    }

    /**
     * Counts a grant message, forgets the executor of a removal message (one that failed to start
     * or was lost: the master grants a replacement); other messages are ignored.
     */
    static void observe(String message) {
        if (message == null) {
            return;
        }
        Matcher m = GRANTED.matcher(message);
        if (m.find()) {
            GRANTS.put(m.group(1), Integer.parseInt(m.group(2)));
            return;
        }
        m = REMOVED.matcher(message);
        if (m.find()) {
            GRANTS.remove(m.group(1));
        }
    }

    /**
     * Starts counting grants (before the SparkContext of a {@code spark://} master is made); resets
     * the count. Harmless to call again; does nothing under another logging backend.
     */
    static synchronized void install() {
        GRANTS.clear();
        if (installed) {
            return;
        }
        try {
            if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
                return;
            }
            Configuration cfg = ctx.getConfiguration();
            AbstractAppender appender = new AbstractAppender("dlmc-standalone-grants", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    observe(event.getMessage() == null ? null : event.getMessage().getFormattedMessage());
                }
            };
            appender.start();
            cfg.addAppender(appender);
            // its warnings and errors still go where they went: to the appenders of the logger
            // configuration that applied until now (and its additive ancestors), at its level
            LoggerConfig before = cfg.getLoggerConfig(LOGGER);
            Level level = before.getLevel();
            LoggerConfig logger = new LoggerConfig(LOGGER, Level.INFO, false);
            logger.addAppender(appender, Level.INFO, null);
            for (LoggerConfig c = before; c != null; c = c.isAdditive() ? c.getParent() : null) {
                for (Appender a : c.getAppenders().values()) {
                    logger.addAppender(a, level, null);
                }
            }
            cfg.addLogger(LOGGER, logger);
            ctx.updateLoggers();
            installed = true;
        } catch (LinkageError | RuntimeException e) {
            // another logging backend: the wait uses its quiet-window rule
        }
    }
}
