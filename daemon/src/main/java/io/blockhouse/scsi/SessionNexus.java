package io.blockhouse.scsi;

import io.blockhouse.scsi.exec.LunCodec;
import io.blockhouse.scsi.exec.MappedUnit;
import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.stats.LunCounterTable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The {@link Nexus} of one session: routes commands to mapped units and performs task management. */
final class SessionNexus implements Nexus, NexusView {
    private final TargetPort port;
    private final String initiatorPort;
    /** Replaced as a whole by live reconfiguration ({@link TargetPort#remap}); each command reads it once. */
    private volatile RoutedLuns routes;
    /** This session's counters per LUN, whatever maps it has had. */
    private final LunCounterTable lunCounters = new LunCounterTable();
    private final ConcurrentHashMap<Long, Task> tasks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SessionNexus(TargetPort port, String initiatorPort, LunMap luns) {
        this.port = port;
        this.initiatorPort = initiatorPort;
        this.routes = new RoutedLuns(luns, lunCounters, port.lunCounters());
    }

    LunMap lunMap() {
        return routes.map();
    }

    void replaceLuns(LunMap next) {
        this.routes = new RoutedLuns(Objects.requireNonNull(next, "luns"), lunCounters, port.lunCounters());
    }

    /** This session's counters of every LUN it has had mapped. */
    LunCounterTable lunCounters() {
        return lunCounters;
    }

    @Override
    public void submit(ScsiCommand submitted, Consumer<ScsiResult> done) {
        Objects.requireNonNull(submitted, "command");
        Objects.requireNonNull(done, "done");
        ScsiCommand command = padded(submitted);
        RoutedLuns r = routes;
        int route = r.indexOf(LunCodec.decode(command.lun()));
        LunMap.Entry entry = route < 0 ? null : r.entry(route);
        Task task = route < 0 ? new Task(this, null, command, done)
                : new Task(this, entry.unit(), command, done, r.counters(route));
        if (closed) {
            task.abort(Task.AbortKind.SILENT);
            return;
        }
        if (tasks.putIfAbsent(command.taskTag(), task) != null) {
            // SAM-5 5.9: a tag already in use is an overlapped command.
            if (task.start()) {
                task.complete(UnmappedLun.checkCondition(SenseCodes.OVERLAPPED_COMMANDS));
            }
            return;
        }
        if (closed) {
            task.abort(Task.AbortKind.SILENT);
            return;
        }
        if (entry == null) {
            if (task.start()) {
                task.complete(UnmappedLun.respond(command.cdb(), this));
            }
            return;
        }
        entry.unit().submit(task, this, entry.readOnly());
    }

    /** Processors read fixed CDB offsets up to 16 bytes; a shorter CDB is padded with zeros rather than trusted. */
    private static ScsiCommand padded(ScsiCommand c) {
        if (c.cdb() != null && c.cdb().length >= 16) {
            return c;
        }
        byte[] cdb = c.cdb() == null ? new byte[16] : Arrays.copyOf(c.cdb(), 16);
        return new ScsiCommand(c.lun(), cdb, c.expectedDataTransferLength(), c.read(), c.write(), c.attribute(),
                c.taskTag(), c.dataOut());
    }

    private LunMap.Entry lookup(long wireLun) {
        RoutedLuns r = routes;
        int route = r.indexOf(LunCodec.decode(wireLun));
        return route < 0 ? null : r.entry(route);
    }

    void taskEnded(Task task) {
        tasks.remove(task.tag(), task);
    }

    @Override
    public CompletableFuture<TmfResponse> taskManagement(TmfFunction function, long lun, long referencedTaskTag) {
        Objects.requireNonNull(function, "function");
        switch (function) {
            case CLEAR_ACA:
                return done(TmfResponse.FUNCTION_NOT_SUPPORTED); // NormACA is 0: there is never an ACA
            case TASK_REASSIGN:
                return done(TmfResponse.TASK_REASSIGNMENT_NOT_SUPPORTED);
            case TARGET_WARM_RESET:
            case TARGET_COLD_RESET:
                return port.reset(this, function == TmfFunction.TARGET_COLD_RESET)
                        .thenApply(v -> TmfResponse.FUNCTION_COMPLETE);
            default:
                break;
        }
        LunMap.Entry entry = lookup(lun);
        if (entry == null) {
            return done(TmfResponse.LUN_DOES_NOT_EXIST);
        }
        LogicalUnit unit = entry.unit();
        if (function == TmfFunction.ABORT_TASK) {
            Task t = tasks.get(referencedTaskTag);
            if (t == null) {
                t = unit.endingTask(this, referencedTaskTag);
            }
            if (t == null || t.unit != unit) {
                return done(TmfResponse.TASK_DOES_NOT_EXIST);
            }
            // A task that completed meanwhile may still be in its callback, which queues its response: answer
            // after that, so the Task Management Response cannot overtake the task's own response.
            TmfResponse answer = t.abort(Task.AbortKind.SILENT) ? TmfResponse.FUNCTION_COMPLETE
                    : TmfResponse.TASK_DOES_NOT_EXIST;
            return t.finished.thenApply(v -> answer);
        }
        CompletableFuture<Void> ended = switch (function) {
            case ABORT_TASK_SET -> unit.abortTasks(t -> t.nexus == this, t -> Task.AbortKind.SILENT);
            case CLEAR_TASK_SET -> unit.clearTaskSet(this);
            case LOGICAL_UNIT_RESET -> unit.reset(this, SenseCodes.BUS_DEVICE_RESET_OCCURRED);
            default -> throw new IllegalStateException("unhandled " + function);
        };
        return ended.thenApply(v -> TmfResponse.FUNCTION_COMPLETE);
    }

    private static CompletableFuture<TmfResponse> done(TmfResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public int outstandingTasks() {
        return tasks.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Task t : tasks.values()) {
            t.abort(Task.AbortKind.SILENT);
        }
        lunMap().entries().forEach(e -> e.unit().nexusLost(this));
        port.detach(this);
    }

    @Override
    public String initiatorPortName() {
        return initiatorPort;
    }

    @Override
    public String targetPortName() {
        return port.name();
    }

    @Override
    public String targetDeviceName() {
        return port.deviceName();
    }

    @Override
    public int relativeTargetPortId() {
        return port.relativePortId();
    }

    @Override
    public io.blockhouse.scsi.alua.TargetPortGroups portGroups() {
        return port.portGroups();
    }

    @Override
    public List<Integer> mappedLuns() {
        return lunMap().luns();
    }

    @Override
    public List<MappedUnit> mappedUnits() {
        return lunMap().entries().stream().sorted(java.util.Comparator.comparingInt(LunMap.Entry::lun))
                .map(e -> new MappedUnit(e.lun(), e.unit().view(), e.readOnly())).toList();
    }
}
