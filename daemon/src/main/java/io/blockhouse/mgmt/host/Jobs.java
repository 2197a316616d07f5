package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long host actions (writing a thick vdisk file) run here, one at a time, on a thread of their own so the management
 * API keeps answering; clients poll {@code GET /v1/host/jobs/{id}} for progress.
 */
final class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    /** Finished jobs kept for polling. */
    private static final int KEEP = 100;

    /** A job's work: reports progress through the job, throws to fail it. */
    @FunctionalInterface
    interface Work {
        void run(Job job) throws Exception;
    }

    /** One job's state, read by pollers while the worker updates it. */
    static final class Job {
        final long id;
        final String what;
        final long total;
        final AtomicLong done = new AtomicLong();
        volatile String state = "queued";
        volatile String message = "";

        Job(long id, String what, long total) {
            this.id = id;
            this.what = what;
            this.total = total;
        }

        void progress(long bytes) {
            done.set(bytes);
        }

        ObjectNode json() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("job", id);
            n.put("what", what);
            n.put("state", state);
            n.put("done", done.get());
            n.put("total", total);
            n.put("message", message);
            return n;
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockhouse-host-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Job submit(String what, long total, Work work) {
        Job job = new Job(ids.incrementAndGet(), what, total);
        jobs.put(job.id, job);
        jobs.keySet().removeIf(id -> id <= job.id - KEEP);
        worker.execute(() -> {
            job.state = "running";
            try {
                work.run(job);
                job.state = "done";
            } catch (Exception e) {
                log.warn("host job {} ({}) failed: {}", job.id, what, e.getMessage());
                job.message = e.getMessage() == null ? e.toString() : e.getMessage();
                job.state = "failed";
            }
        });
        return job;
    }

    Job get(long id) throws HostException {
        Job j = jobs.get(id);
        if (j == null) {
            throw new HostException(404, "job_not_found", "job: no job " + id + " (kept: the last " + KEEP + ")");
        }
        return j;
    }
}
