package io.blockhouse.scsi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what the SCSI layer logs at ERROR while a fuzz input runs. The layer turns unexpected exceptions into a
 * sense (and logs them at ERROR), and failures of detached work (SANITIZE) never reach a command's status, so the
 * fuzz targets treat an ERROR line as a finding.
 */
final class ErrorLogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> errors = new ArrayList<>();

    ErrorLogWatch() {
        setName("fuzz-error-watch");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            String cause = event.getThrowableProxy() == null ? ""
                    : " (" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage()
                    + ")";
            errors.add(event.getLoggerName() + ": " + event.getFormattedMessage() + cause);
        }
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
