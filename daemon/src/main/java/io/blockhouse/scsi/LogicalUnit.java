package io.blockhouse.scsi;

import io.blockhouse.backend.BlockBackend;
import io.blockhouse.backend.CachedReads;
import io.blockhouse.backend.NonBlocking;
import io.blockhouse.backend.QuickWrites;
import io.blockhouse.backend.SerializedWrites;
import io.blockhouse.scsi.admission.TaskSetBound;
import io.blockhouse.scsi.alua.AccessGate;
import io.blockhouse.scsi.exec.CommandContext;
import io.blockhouse.scsi.exec.CommandDispatcher;
import io.blockhouse.scsi.exec.CommandProcessor;
import io.blockhouse.scsi.exec.CommandResponse;
import io.blockhouse.scsi.exec.LogicalUnitView;
import io.blockhouse.scsi.exec.NexusView;
import io.blockhouse.scsi.exec.WouldBlockException;
import io.blockhouse.scsi.mode.ModePages;
import io.blockhouse.scsi.pr.ItNexus;
import io.blockhouse.scsi.pr.PersistentReservations;
import io.blockhouse.scsi.pr.ReservationConflictException;
import io.blockhouse.scsi.pr.ReservationHooks;
import io.blockhouse.scsi.pr.ReservationStore;
import io.blockhouse.scsi.sbc.BlockCommandSet;
import io.blockhouse.scsi.sbc.BlockRangeLock;
import io.blockhouse.scsi.sbc.CopyResults;
import io.blockhouse.scsi.sbc.SanitizeState;
import io.blockhouse.scsi.sense.Sense;
import io.blockhouse.scsi.sense.SenseCodes;
import io.blockhouse.scsi.sense.SenseEncoder;
import io.blockhouse.scsi.sense.SenseException;
import io.blockhouse.scsi.sense.SenseKey;
import io.blockhouse.scsi.spc.Inquiry;
import io.blockhouse.scsi.spc.ReportLuns;
import io.blockhouse.scsi.spc.RequestSense;
import io.blockhouse.scsi.stats.UnitIoStats;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SCSI direct-access logical unit (SBC-3) over a {@link BlockBackend}: its mode pages, its task set (tasks of
 * every nexus that maps it), unit attention state per initiator port, and command execution.
 *
 * <p>Commands that may block on the back-end run on {@code ioExecutor}; the others complete inline on the
 * submitting thread; both subject to the task attribute rules of {@link TaskOrdering}. How Data-Out shorter or
 * longer than the CDB asks for is handled, and what {@link ScsiResult#transferLength()} means for writes, is
 * described in {@code io.blockhouse.scsi.sbc.DataOutRule}:
 * transferLength is always the CDB's byte count for writes (GOOD or CHECK CONDITION) and the Data-In length for
 * reads; Data-In is never cut to EDTL here (the transport does that and reports the residual).
 *
 * <p>Resets: LOGICAL UNIT RESET (and target resets, through every reachable unit) abort all tasks, return mode
 * parameters to their defaults (nothing can be saved) and establish a unit attention for every initiator port that
 * has accessed the unit, the one that asked for the reset included ("every I_T nexus", SAM-5 6.3.3; Linux LIO does
 * the same).
 */
public final class LogicalUnit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogicalUnit.class);

    /** Commands a pending unit attention does not fail (SAM-5 5.14); REQUEST SENSE returns it as its data. */
    private static final Set<Integer> UA_EXEMPT = Set.of(Inquiry.OPCODE, ReportLuns.OPCODE, RequestSense.OPCODE);

    /** Commands a sanitize in progress lets through (SBC-3 4.11.2); REQUEST SENSE reports the sanitize. */
    private static final Set<Integer> SANITIZE_EXEMPT = UA_EXEMPT;

    private static final Sense INTERNAL_TARGET_FAILURE = Sense.of(SenseKey.HARDWARE_ERROR, 0x44, 0x00);

    private final LogicalUnitSpec spec;
    private final BlockBackend backend;
    private final Executor ioExecutor;
    /** The back-end never blocks: READ and WRITE run on the submitting thread (see {@link #start}). */
    private final boolean nonBlockingBackend;
    /** Reads may be page-cache hits: READ is tried on the submitting thread first (see {@link #start}). */
    private final boolean cachedReads;
    /** Cached writes of a buffered file, run in order by one I/O thread at a time; null for other back-ends. */
    private final SerialLane cachedWrites;
    private final boolean quickWrites;
    private final long blocks;
    private final ModePages modes;
    private final UnitAttentions unitAttentions = new UnitAttentions();
    private final CommandDispatcher dispatcher = BlockCommandSet.dispatcher();
    private final Set<Task> tasks = ConcurrentHashMap.newKeySet();
    private final TaskSetBound taskSetBound;
    private final TaskOrdering ordering = new TaskOrdering();
    private final View view = new View();
    private final BlockRangeLock rangeLock = new BlockRangeLock();
    private final CopyResults copyResults = new CopyResults();
    private final SanitizeState sanitizeState = new SanitizeState();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final PersistentReservations reservations;
    /** Replaced only by {@link #continueFrom} (before the unit is mapped), so a resized device keeps counting. */
    private volatile UnitIoStats ioStats = new UnitIoStats();

    /**
     * @param spec       identity and behaviour
     * @param backend    the storage; closed by {@link #close()}
     * @param ioExecutor runs commands that do back-end I/O (they block)
     */
    public LogicalUnit(LogicalUnitSpec spec, BlockBackend backend, Executor ioExecutor) {
        this(spec, backend, ioExecutor, ReservationStore.NONE);
    }

    /**
     * @param reservationStore keeps persistent reservation state across restarts when an initiator sets APTPL;
     *                         the unit's saved state is loaded here
     */
    public LogicalUnit(LogicalUnitSpec spec, BlockBackend backend, Executor ioExecutor,
                       ReservationStore reservationStore) {
        this(spec, backend, ioExecutor, reservationStore, TaskSetBound.DEFAULT_CAPACITY);
    }

    /** @param taskSetCapacity tasks this unit's task set holds over all nexuses (TASK SET FULL / BUSY beyond) */
    public LogicalUnit(LogicalUnitSpec spec, BlockBackend backend, Executor ioExecutor,
                       ReservationStore reservationStore, int taskSetCapacity) {
        this.taskSetBound = new TaskSetBound(taskSetCapacity);
        this.spec = Objects.requireNonNull(spec, "spec");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
        this.nonBlockingBackend = backend instanceof NonBlocking;
        this.cachedReads = backend instanceof CachedReads c && c.readsMayBeCached();
        this.cachedWrites = backend instanceof SerializedWrites w && w.cachedWritesSerialized()
                ? new SerialLane(ioExecutor) : null;
        this.quickWrites = backend instanceof QuickWrites;
        this.blocks = backend.size() / spec.logicalBlockSize();
        if (blocks < 1) {
            throw new IllegalArgumentException("LU " + spec.name() + ": back-end smaller than one block: "
                    + backend.describe());
        }
        if (spec.logicalBlockSize() % backend.physicalBlockSize() != 0) {
            throw new IllegalArgumentException("LU " + spec.name() + ": logical block size "
                    + spec.logicalBlockSize() + " is not a multiple of the back-end's " + backend.physicalBlockSize());
        }
        // The caching page describes the back-end: without a volatile cache there is nothing to enable.
        this.modes = new ModePages(spec.writeCacheEnabled() && backend.volatileCache(), backend.volatileCache());
        this.reservations = new PersistentReservations(spec.name(), reservationStore, new Hooks());
    }

    public LogicalUnitSpec spec() {
        return spec;
    }

    /** Capacity in logical blocks. */
    public long blocks() {
        return blocks;
    }

    /** What command processors see of this unit (EXTENDED COPY reaches other units of a nexus through it). */
    LogicalUnitView view() {
        return view;
    }

    /** Tasks in this unit's task set, across all nexuses. */
    public int outstandingTasks() {
        return tasks.size();
    }

    @Override
    public String toString() {
        return "LU " + spec.name() + " (" + blocks + " x " + spec.logicalBlockSize() + ", " + backend.describe() + ")";
    }

    /** Establishes a unit attention for one initiator port (live reconfiguration: LUN inventory changed). */
    public void establishUnitAttention(String initiatorPort, Sense sense) {
        unitAttentions.establish(Objects.requireNonNull(initiatorPort, "initiatorPort"), sense);
    }

    /**
     * Makes this unit the successor of {@code previous} (the same device reopened, e.g. after a resize): the
     * initiator ports that knew the previous unit keep their pending unit attentions instead of seeing a power-on
     * condition, and each of them gets {@code sense} (e.g. CAPACITY DATA HAS CHANGED). Call before the unit is
     * mapped into any nexus.
     */
    public void continueFrom(LogicalUnit previous, Sense sense) {
        ioStats = previous.ioStats;
        unitAttentions.adopt(previous.unitAttentions.snapshot());
        unitAttentions.establishForAll(sense);
    }

    /** Executes a task for {@code nexus}; its callback runs exactly once. */
    void submit(Task task, NexusView nexus, boolean mappingReadOnly) {
        tasks.add(task);
        int refusal = taskSetBound.enter(() -> hasOtherTasks(task)); // every task in the set is counted once
        byte[] cdb = task.command.cdb();
        if (closed.get()) {
            completeNow(task, checkCondition(SenseCodes.LOGICAL_UNIT_NOT_SUPPORTED, 0));
            return;
        }
        if (refusal != 0) {
            completeNow(task, new ScsiResult(refusal, null, null, 0, false));
            return;
        }
        if (!UA_EXEMPT.contains(cdb[0] & 0xFF)) {
            Sense ua = unitAttentions.take(nexus.initiatorPortName());
            if (ua != null) {
                completeNow(task, checkCondition(ua, 0));
                return;
            }
        }
        if (sanitizeState.inProgress() && !SANITIZE_EXEMPT.contains(cdb[0] & 0xFF)) {
            completeNow(task, checkCondition(SenseCodes.SANITIZE_IN_PROGRESS, 0));
            return;
        }
        CommandProcessor processor;
        try {
            processor = dispatcher.lookup(cdb);
            rejectNormalAca(cdb);
            AccessGate.check(nexus.portGroups().current().stateOf(nexus.relativeTargetPortId()), cdb);
        } catch (SenseException e) {
            completeNow(task, checkCondition(e.sense(), 0));
            return;
        }
        if (reservations.conflicts(ItNexus.of(nexus), cdb)) {
            completeNow(task, reservationConflict());
            return;
        }
        CommandContext ctx = new CommandContext(view, nexus, mappingReadOnly, cdb, task.command.dataOut());
        ctx.watchAbort(task.abortRequested);
        Runnable start = () -> start(task, processor, ctx);
        if (ordering.admit(task, start)) {
            start.run();
        }
    }

    /** Whether the task's I_T nexus has other tasks in this task set (asked only when it is full). */
    private boolean hasOtherTasks(Task task) {
        for (Task t : tasks) {
            if (t != task && t.nexus == task.nexus) {
                return true;
            }
        }
        return false;
    }

    /** The block ranges this unit's running commands hold (package-private: for tests). */
    BlockRangeLock rangeLock() {
        return rangeLock;
    }

    /** This unit's task set bound and its TASK SET FULL / BUSY counters. */
    public TaskSetBound taskSetBound() {
        return taskSetBound;
    }

    /**
     * Runs the command inline, or hands it to the I/O executor when it may block on the back-end. READ and WRITE on
     * a {@link NonBlocking} back-end run inline too: a memory copy costs less than the two thread hand-offs. A READ
     * from a back-end with {@link CachedReads} is tried inline and goes to the executor only on a cache miss. A cached
     * WRITE to a back-end with {@link QuickWrites} is tried inline too, and otherwise queued on the unit's lane.
     */
    private void start(Task task, CommandProcessor processor, CommandContext ctx) {
        if (!processor.usesBackend() || (nonBlockingBackend && processor.inlineOnNonBlockingBackend())) {
            if (task.start()) {
                task.complete(run(processor, ctx));
            }
            return;
        }
        if (cachedReads && processor.inlineOnNonBlockingBackend() && !task.command.write()) {
            if (task.start() && !completedInline(task, processor, ctx)) {
                execute(task, () -> task.complete(run(processor, ctx)));
            }
            return;
        }
        if (cachedWrites != null && processor.inlineOnNonBlockingBackend() && task.command.write()
                && !processor.durableWrite(ctx)) {
            if (!quickWrites || !processor.tryCachedWriteInline()) {
                queueCachedWrite(task, processor, ctx, false);
            } else if (task.start() && !completedInline(task, processor, ctx)) {
                queueCachedWrite(task, processor, ctx, true);
            }
            return;
        }
        execute(task, () -> {
            if (task.start()) {
                task.complete(run(processor, ctx));
            }
        });
    }

    /**
     * Runs a started task on this thread with {@link CommandContext#mustNotBlock} set and completes it, unless the
     * back-end would have to wait ({@link #run} returns null); then the caller hands it to another thread.
     */
    private boolean completedInline(Task task, CommandProcessor processor, CommandContext ctx) {
        ctx.mustNotBlock(true);
        ScsiResult result = run(processor, ctx);
        ctx.mustNotBlock(false);
        if (result == null) {
            return false;
        }
        task.complete(result);
        return true;
    }

    /** Queues a cached write on the unit's lane; {@code started} when an inline try already started the task. */
    private void queueCachedWrite(Task task, CommandProcessor processor, CommandContext ctx, boolean started) {
        cachedWrites.submit(new SerialLane.Work() {
            @Override
            public void run() {
                if (started || task.start()) {
                    task.complete(LogicalUnit.this.run(processor, ctx));
                }
            }

            @Override
            public void refuse() {
                refuseBusy(task);
            }
        });
    }

    private void execute(Task task, Runnable work) {
        try {
            ioExecutor.execute(work);
        } catch (RejectedExecutionException e) {
            refuseBusy(task);
        }
    }

    private void refuseBusy(Task task) {
        LOG.warn("{}: I/O executor refused a task, answering BUSY", this);
        task.start(); // false when started already (a cache miss): complete from RUNNING all the same
        task.complete(new ScsiResult(ScsiStatus.BUSY, null, null, 0, false));
    }

    /**
     * NormACA is 0 in our INQUIRY data, so a CDB asking for ACA handling (NACA bit of the CONTROL byte) is
     * rejected with INVALID FIELD IN CDB, as SAM-5 asks of a device server without NormACA. The CONTROL byte is the last byte of the CDB, whose length the group code gives.
     */
    private static void rejectNormalAca(byte[] cdb) throws SenseException {
        int control = switch ((cdb[0] & 0xE0) >>> 5) {
            case 0 -> 5;
            case 1, 2 -> 9;
            case 4 -> 15;
            case 5 -> 11;
            default -> -1;
        };
        if (control > 0 && (cdb[control] & 0x04) != 0) {
            throw SenseException.invalidFieldInCdb(control, 2);
        }
    }

    private static void completeNow(Task task, ScsiResult result) {
        if (task.start()) {
            task.complete(result);
        }
    }

    private ScsiResult run(CommandProcessor processor, CommandContext ctx) {
        try {
            CommandResponse response = processor.execute(ctx);
            ByteBuf in = response.dataIn();
            int length = in != null ? in.readableBytes() : ctx.transferLength();
            int status = response.conditionMet() ? ScsiStatus.CONDITION_MET : ScsiStatus.GOOD;
            return new ScsiResult(status, null, in, length, false);
        } catch (SenseException e) {
            LOG.debug("{}: CDB {} -> {}", spec.name(), ctx.cdb()[0] & 0xFF, e.sense());
            return checkCondition(e.sense(), ctx.transferLength());
        } catch (ReservationConflictException e) {
            return reservationConflict();
        } catch (WouldBlockException e) {
            if (ctx.mustNotBlock()) {
                return null; // tried inline and the back-end would wait: the caller hands it to the executor
            }
            LOG.error("{}: command {} would block outside an inline try", this,
                    Integer.toHexString(ctx.cdb()[0] & 0xFF), e);
            return checkCondition(INTERNAL_TARGET_FAILURE, ctx.transferLength());
        } catch (RuntimeException | Error e) {
            // A bug must not leave the task without its one callback: the session and task management wait on it.
            LOG.error("{}: command {} failed unexpectedly", this, Integer.toHexString(ctx.cdb()[0] & 0xFF), e);
            return checkCondition(INTERNAL_TARGET_FAILURE, ctx.transferLength());
        }
    }

    private static ScsiResult reservationConflict() {
        return new ScsiResult(ScsiStatus.RESERVATION_CONFLICT, null, null, 0, false);
    }

    private ScsiResult checkCondition(Sense sense, int transferLength) {
        return new ScsiResult(ScsiStatus.CHECK_CONDITION, SenseEncoder.encode(sense, modes.descriptorSense()), null,
                transferLength, false);
    }

    /** This unit's I/O accounting (shared with the units it {@link #continueFrom continued}). */
    public UnitIoStats ioStats() {
        return ioStats;
    }

    /** Accounts a task's completion (any outcome) in this unit's statistics and its LUN's counters. */
    void accountCompletion(Task task, ScsiResult result) {
        ioStats.record(task.command.cdb()[0] & 0xFF, result.status(), result.sense(), result.transferLength(),
                System.nanoTime() - task.receivedNanos, task.lunCounters);
    }

    /** Called once per task after its callback ran: starts tasks its end unblocked (task attributes). */
    void taskEnded(Task task) {
        if (tasks.remove(task)) {
            taskSetBound.leave();
        }
        for (Runnable start : ordering.ended(task)) {
            start.run();
        }
    }

    /**
     * The task of {@code nexus} tagged {@code tag} that has left the nexus's table but is still in this unit's task
     * set, i.e. completed with its callback still running; null when there is none.
     */
    Task endingTask(SessionNexus nexus, long tag) {
        for (Task t : tasks) {
            if (t.nexus == nexus && t.tag() == tag) {
                return t;
            }
        }
        return null;
    }

    /**
     * Aborts the matching tasks; the future completes when all of them have ended, including matching tasks that
     * had already completed but whose callback is still running: the transport queues their responses from that
     * callback, and the task management response must not overtake them (RFC 7143 section 11.6.2).
     */
    CompletableFuture<Void> abortTasks(Predicate<Task> which, Function<Task, Task.AbortKind> kind) {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (Task t : tasks) {
            if (which.test(t)) {
                t.abort(kind.apply(t));
                ending.add(t.finished);
            }
        }
        return CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new));
    }

    /** How a task of another nexus ends when this unit aborts it: TAS decides (SAM-5 5.6). */
    private Function<Task, Task.AbortKind> abortKindFor(SessionNexus requester) {
        boolean tas = modes.taskAbortedStatus();
        return t -> t.nexus != requester && tas ? Task.AbortKind.TASK_ABORTED_STATUS : Task.AbortKind.SILENT;
    }

    /** CLEAR TASK SET: every task of every nexus; with TAS=0 the other initiators learn it by unit attention. */
    CompletableFuture<Void> clearTaskSet(SessionNexus requester) {
        boolean tas = modes.taskAbortedStatus();
        Function<Task, Task.AbortKind> kind = abortKindFor(requester);
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (Task t : tasks) {
            ending.add(t.finished); // also a completed task whose response is being queued (see abortTasks)
            if (t.abort(kind.apply(t))) {
                if (t.nexus != requester && !tas) {
                    unitAttentions.establish(t.nexus.initiatorPortName(),
                            SenseCodes.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
                }
            }
        }
        return CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new));
    }

    /** LOGICAL UNIT RESET, also each unit's part of a target reset. */
    CompletableFuture<Void> reset(SessionNexus requester, Sense unitAttention) {
        LOG.info("{}: reset requested by {} ({})", this, requester.initiatorPortName(), unitAttention);
        CompletableFuture<Void> aborted = abortTasks(t -> true, abortKindFor(requester));
        modes.resetToDefaults();
        reservations.reset();
        unitAttentions.establishForAll(unitAttention);
        return aborted;
    }

    /** The I_T nexus ended (logout, connection loss, reinstatement): its RESERVE reservation ends with it. */
    void nexusLost(NexusView nexus) {
        reservations.nexusLost(ItNexus.of(nexus));
    }

    /**
     * Waits for in-flight tasks and for a sanitize operation in progress to end, then closes the back-end. New
     * commands fail with LOGICAL UNIT NOT SUPPORTED from now on. Idempotent. Must not be called from the I/O executor
     * (it waits for tasks running there).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture.allOf(tasks.stream().map(t -> t.finished).toArray(CompletableFuture[]::new)).join();
        // A sanitize outlives its command (SBC-3 4.11): closing the back-end under it would fail it half way and
        // leave the medium partly sanitized, with no initiator told.
        sanitizeState.awaitEnd();
        try {
            backend.close();
        } catch (IOException e) {
            LOG.error("{}: closing the back-end failed", this, e);
        }
    }

    /** The processors' view of this unit. */
    private final class View implements LogicalUnitView {
        @Override
        public LogicalUnitSpec spec() {
            return spec;
        }

        @Override
        public long blocks() {
            return blocks;
        }

        @Override
        public BlockBackend backend() {
            return backend;
        }

        @Override
        public ModePages modePages() {
            return modes;
        }

        @Override
        public Sense takeUnitAttention(String initiatorPort) {
            return unitAttentions.take(initiatorPort);
        }

        @Override
        public void modeParametersChanged(String changedBy) {
            LOG.info("{}: mode parameters changed by {}", LogicalUnit.this, changedBy);
            unitAttentions.establishForOthers(changedBy, SenseCodes.MODE_PARAMETERS_CHANGED);
        }

        @Override
        public CommandDispatcher dispatcher() {
            return dispatcher;
        }

        @Override
        public BlockRangeLock rangeLock() {
            return rangeLock;
        }

        @Override
        public CopyResults copyResults() {
            return copyResults;
        }

        @Override
        public SanitizeState sanitizeState() {
            return sanitizeState;
        }

        @Override
        public PersistentReservations reservations() {
            return reservations;
        }
    }

    /** Unit attentions and PREEMPT AND ABORT for the reservation state. */
    private final class Hooks implements ReservationHooks {
        @Override
        public void unitAttention(Predicate<String> ports, Sense sense) {
            unitAttentions.establishWhere(ports, sense);
        }

        @Override
        public CompletableFuture<Void> abortTasks(Predicate<ItNexus> victims, NexusView requester) {
            boolean tas = modes.taskAbortedStatus();
            return LogicalUnit.this.abortTasks(t -> t.nexus != requester && victims.test(ItNexus.of(t.nexus)),
                    t -> tas ? Task.AbortKind.TASK_ABORTED_STATUS : Task.AbortKind.SILENT);
        }
    }
}
