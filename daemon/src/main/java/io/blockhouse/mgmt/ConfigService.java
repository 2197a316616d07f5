package io.blockhouse.mgmt;

import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one live model of the daemon and the only way to change it. A change derives a new configuration from the
 * current one, validates it, applies it live (all or nothing, {@link LiveApplier}), then writes it durably as the
 * next generation; if the write fails, the live state is turned back to the previous configuration and the change is
 * reported as failed. One lock serialises changes; listeners hear of each durable change after the lock is released.
 */
public final class ConfigService {

    private static final Logger log = LoggerFactory.getLogger(ConfigService.class);

    /** A change to the configuration: current in, proposed out (may throw a precise refusal). */
    @FunctionalInterface
    public interface Edit {
        BlockhouseConfig apply(BlockhouseConfig current) throws MgmtException;
    }

    /** Turns another product's configuration text into ours (e.g. SCST's scst.conf); connected by the daemon. */
    @FunctionalInterface
    public interface ForeignImporter {
        BlockhouseConfig importText(String text, String source) throws ConfigException;
    }

    private final ConfigStore store;
    private final LiveApplier live;
    private final ConfigEdits edits;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConfigGeneration current;
    private volatile ForeignImporter scstImporter;
    private volatile java.util.function.Supplier<String> metrics;

    public ConfigService(ConfigStore store, ConfigGeneration current, LiveApplier live, ConfigEdits edits) {
        this.store = store;
        this.current = current;
        this.live = live;
        this.edits = edits;
    }

    public ConfigGeneration current() {
        return current;
    }

    public ConfigEdits edits() {
        return edits;
    }

    public LiveApplier live() {
        return live;
    }

    public void addListener(ConfigListener listener) {
        listeners.add(listener);
    }

    /** Connects the scst.conf importer ({@code config import --scst FILE}); until then that import is refused. */
    public void setScstImporter(ForeignImporter importer) {
        this.scstImporter = importer;
    }

    /** Connects the daemon's metrics (Prometheus text) for {@code GET /metrics}; until then none are served. */
    public void setMetrics(java.util.function.Supplier<String> exposition) {
        this.metrics = exposition;
    }

    /** The daemon's metrics in the Prometheus text format, or empty when none are connected. */
    public Optional<String> metricsText() {
        java.util.function.Supplier<String> m = metrics;
        return m == null ? Optional.empty() : Optional.of(m.get());
    }

    /**
     * Validates, applies and persists one change.
     *
     * @return the new generation, or the current one unchanged when the edit changes nothing
     */
    public ConfigGeneration change(String summary, boolean force, Edit edit) throws MgmtException {
        ConfigGeneration accepted;
        lock.lock();
        try {
            ConfigGeneration before = current;
            BlockhouseConfig edited = edit.apply(before.config());
            if (edited != null && edited.system() == null && before.config().system() != null) {
                // Edits of storage and targets build configs without system settings: keep the current ones.
                edited = edited.withSystem(before.config().system());
            }
            BlockhouseConfig proposed = validate(edited, summary);
            if (ConfigLoader.toJson(proposed).equals(ConfigLoader.toJson(before.config()))) {
                return before;
            }
            live.apply(before.config(), proposed, force);
            try {
                accepted = store.append(proposed, summary);
            } catch (IOException | RuntimeException e) {
                log.error("cannot persist config change \"{}\", undoing it: {}", summary, e.getMessage());
                try {
                    live.apply(proposed, before.config(), true);
                } catch (MgmtException undo) {
                    log.error("undoing the unpersisted change failed too: {}", undo.getMessage());
                }
                throw new MgmtException(MgmtException.Kind.FAILED, "persist_failed",
                        "config: cannot write generation " + (before.number() + 1) + ": " + e.getMessage(), e);
            }
            current = accepted;
            log.info("config generation {}: {}", accepted.number(), accepted.summary());
        } finally {
            lock.unlock();
        }
        for (ConfigListener l : listeners) {
            try {
                l.configChanged(accepted);
            } catch (RuntimeException e) {
                log.error("config listener {} failed for generation {}", l, accepted.number(), e);
            }
        }
        return accepted;
    }

    private static BlockhouseConfig validate(BlockhouseConfig proposed, String source) throws MgmtException {
        try {
            return ConfigLoader.parse(ConfigLoader.toJson(proposed), source);
        } catch (ConfigException e) {
            throw MgmtException.invalid("invalid_config", String.join("; ", e.problems()));
        }
    }

    /** The generations kept, newest first. */
    public List<ConfigGeneration> history() throws MgmtException {
        try {
            return store.history();
        } catch (IOException e) {
            throw new MgmtException(MgmtException.Kind.FAILED, "store_unreadable", "config: " + e.getMessage(), e);
        }
    }

    public ConfigGeneration generation(long number) throws MgmtException {
        Optional<ConfigGeneration> g;
        try {
            g = store.get(number);
        } catch (IOException e) {
            throw new MgmtException(MgmtException.Kind.FAILED, "store_unreadable", "generation: " + e.getMessage(), e);
        }
        return g.orElseThrow(() -> MgmtException.notFound("generation_not_found", "generation: " + number
                + " is not in the history (kept: " + keptRange() + ")"));
    }

    private String keptRange() {
        try {
            List<ConfigGeneration> h = store.history();
            return h.isEmpty() ? "none" : h.get(h.size() - 1).number() + ".." + h.get(0).number();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Makes generation {@code number}'s model live again, as a new generation. The listen addresses and iSCSI
     * limits stay those of the running daemon (they change only at a restart), and so do the metrics listener
     * (where the daemon is scraped is not part of the storage model), the "api" section (a rollback must not
     * lock out the administrator who runs it) and the appliance's system settings (network, passwords).
     */
    public ConfigGeneration rollback(long number, boolean force) throws MgmtException {
        BlockhouseConfig target = generation(number).config();
        return change("rollback to generation " + number, force, c -> new BlockhouseConfig(c.iscsi(), c.listen(),
                target.discoveryChap(), target.devices(), target.targets(), target.alua(), c.metrics(), c.api(), c.system()));
    }

    /**
     * Replaces the whole model with an imported configuration (listen, iSCSI limits and the "api" section kept, as
     * for rollback; the metrics listener and the system settings kept unless the import has such a section).
     */
    public ConfigGeneration importConfig(BlockhouseConfig imported, String summary, boolean force)
            throws MgmtException {
        return change(summary, force, c -> new BlockhouseConfig(c.iscsi(), c.listen(), imported.discoveryChap(),
                imported.devices(), imported.targets(), imported.alua(),
                imported.metrics() != null ? imported.metrics() : c.metrics(), c.api(),
                imported.system() != null ? imported.system() : c.system()));
    }

    /**
     * Replaces the "api" section (null: the Unix socket alone, with the daemon's group). Applied live: the socket's
     * group changes, a TCP listener starts, moves or stops (see {@link ApiAccess}).
     */
    public ConfigGeneration changeApi(io.blockhouse.config.ApiConfig api) throws MgmtException {
        String summary = api == null || api.tcp() == null ? "api: Unix socket only" : "api: TCP on "
                + api.tcp().listen();
        if (api != null && api.group() != null) {
            summary += ", socket group " + api.group();
        }
        return change(summary, false, c -> c.withApi(api));
    }

    /** Imports SCST's scst.conf text through the connected importer. */
    public ConfigGeneration importScst(String text, String source, boolean force) throws MgmtException {
        ForeignImporter importer = scstImporter;
        if (importer == null) {
            throw new MgmtException(MgmtException.Kind.UNSUPPORTED, "importer_unavailable",
                    "scst: this daemon has no scst.conf importer connected");
        }
        BlockhouseConfig imported;
        try {
            imported = importer.importText(text, source);
        } catch (ConfigException e) {
            throw MgmtException.invalid("invalid_config", String.join("; ", e.problems()));
        }
        return importConfig(imported, "import of " + source, force);
    }

    /** Line diff between two generations' configurations. */
    public List<String> diff(long from, long to) throws MgmtException {
        return ConfigDiff.lines(ConfigLoader.toJson(generation(from).config()),
                ConfigLoader.toJson(generation(to).config()));
    }
}
