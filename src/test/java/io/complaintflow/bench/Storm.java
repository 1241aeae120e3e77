package io.complaintflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.complaintflow.bench.Bench.*;
import static io.complaintflow.bench.Http.*;
import static io.complaintflow.bench.Load.*;
import static io.complaintflow.bench.Paced.*;
import static io.complaintflow.bench.Sustained.*;
import static io.complaintflow.bench.Lifecycle.*;
import static io.complaintflow.bench.Nodes.*;
import static io.complaintflow.bench.Report.*;

/** Phase "storm": N first-response deadlines made due together on two nodes. */
final class Storm {

    private Storm() {
    }

    // ---------------------------------------------------------------- deadline storm

    /**
     * Timer jobs that escalate a running first-response deadline at its target (level 1). With boundary timers
     * (the models before the deadline ladder) they are Event_FirstResponseOverdue; with the ladder they are the one
     * timer of each FIRST_RESPONSE ladder (generation 3: the one job of the lifecycle's ladder task), at step
     * {@code step} (0 = the 80% reminder, 1 = the deadline).
     */
    static String stormJobs(boolean ladder, int step) {
        if (ladder && Sustained.LADDER_TASK.equals(String.valueOf(RESULT.get("model")))) {
            // generation 3: the lifecycle's ladder task holds one job (handler deadline-ladder-step) whose
            // configuration names the case and the deadlines it watches ("<case>|FIRST_RESPONSE,RESOLUTION")
            return "from act_ru_job j join complaint_deadline k on k.case_number = split_part(j.handler_cfg_, '|', 1)"
                    + " and k.deadline = 'FIRST_RESPONSE'"
                    + " where j.handler_type_ = 'deadline-ladder-step' and j.handler_cfg_ like '%|%FIRST_RESPONSE%'"
                    + " and k.state = 'RUNNING' and k.ladder_step = " + step;
        }
        if (!ladder) {
            return "from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                    + " join act_ru_execution e on e.id_ = j.process_instance_id_"
                    + " join complaint_deadline k on k.case_number = e.business_key_ and k.deadline = 'FIRST_RESPONSE'"
                    + " where d.act_id_ = 'Event_FirstResponseOverdue' and k.state = 'RUNNING'";
        }
        // one ladder per case watches several deadlines ("FIRST_RESPONSE,RESOLUTION"); the step a deadline has reached is
        // complaint_deadline.ladder_step, and the ladder's one timer is dated to the earliest next step of its deadlines
        return "from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_"
                + " join act_ru_variable c on c.execution_id_ = e.id_ and c.name_ = 'clocks'"
                + " and c.text_ like '%FIRST_RESPONSE%'"
                + " join complaint_deadline k on k.case_number = e.business_key_ and k.deadline = 'FIRST_RESPONSE'"
                + " where j.type_ = 'timer' and k.state = 'RUNNING' and k.ladder_step = " + step;
    }

    static Map<String, Object> storm(Node node1, int size, Sampler sampler) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean ladder = String.valueOf(RESULT.get("model")).equals("deadline-ladder")
                || String.valueOf(RESULT.get("model")).equals(Sustained.LADDER_TASK);
        String overdue = stormJobs(ladder, 1);
        long waiting = Long.parseLong(sql("select count(*) " + (ladder ? stormJobs(true, 0) : overdue)));
        int missing = (int) Math.max(0, size - waiting);
        System.out.println("storm: " + waiting + " first-response timers waiting, filing " + missing + " more");
        if (missing > 0) {
            AtomicInteger left = new AtomicInteger(missing);
            Stats filed = load("storm intake c=16", 16, 3600, () -> {
                if (left.getAndDecrement() <= 0) {
                    throw new Stop();
                }
                return postComplaint(node1.base, false);
            });
            m.put("filedForStorm", filed.latenciesNanos.length);
            m.put("filedPerSecond", round(filed.rate()));
        }
        Node node2 = Node.start(2, optInt("port2", 18082), false);
        sampler.add(node2);
        m.put("node2StartupSeconds", node2.startupMillis / 1000.0);
        m.put("node2StartupCpuSeconds", node2.startupCpuMillis / 1000.0);
        // let both job executors drain the jobs of the filing first, so the storm starts from quiet nodes
        waitForQuiet(600);
        if (ladder) {
            // The ladder holds one timer per deadline, at its next step: the 80% reminders come first. They are made
            // due and run (not measured), after which every first-response ladder waits at the deadline step.
            long t = System.nanoTime();
            // the ladder reads the deadline's points when it fires: the reminder point is moved to now with the timer
            sql("drop table if exists bench_reminders; create table bench_reminders as select j.id_ as job_id,"
                    + " k.id as deadline_id " + stormJobs(true, 0));
            sql("update complaint_deadline set warning_at = now() - interval '1 second'"
                    + " where id in (select deadline_id from bench_reminders)");
            long reminders = Long.parseLong(sql("with due as (update act_ru_job set duedate_ = now() where id_ in"
                    + " (select job_id from bench_reminders) returning 1) select count(*) from due"));
            waitForQuiet(optInt("storm-timeout", 600));
            m.put("remindersBeforeStorm", reminders);
            m.put("remindersSeconds", round((System.nanoTime() - t) / 1e9));
            System.out.printf(Locale.ROOT, "storm: %d reminders (80%% step) run first in %.1f s%n", reminders,
                    (System.nanoTime() - t) / 1e9);
        }
        long before = Long.parseLong(sql("select count(*) from escalation where deadline = 'FIRST_RESPONSE' and level = 1"));
        String la = loadAverage();
        // The method: the engine's timers are rows in act_ru_job; moving due dates to now is exactly what the
        // job executor sees when deadlines computed for the same instant arrive. Only timers of complaints whose
        // first-response deadline is still running are moved (a met deadline's timer fires and does nothing).
        sql("drop table if exists bench_storm; create table bench_storm as select j.id_ as job_id"
                + (ladder ? ", k.id as deadline_id " : " ") + overdue + " order by j.id_ limit " + size);
        if (ladder) {
            // the target itself is reached now: it moves with its timer
            sql("update complaint_deadline set target_at = now() - interval '1 second'"
                    + " where id in (select deadline_id from bench_storm)");
        }
        long cpu0 = node1.cpuMillis() + node2.cpuMillis();
        long pg0 = postgresCpuMillis();
        Profile.Window window = Profile.open("storm (node 1)", node1);
        long t0 = System.nanoTime();
        long updated = Long.parseLong(sql("with due as (update act_ru_job set duedate_ = now() where id_ in"
                + " (select job_id from bench_storm) returning 1) select count(*) from due"));
        long target = before + updated;
        System.out.println("storm: " + updated + " timers due now (" + Instant.now() + "), load " + la);
        long count = before;
        long pending = updated;
        long timeout = System.nanoTime() + optInt("storm-timeout", 600) * 1_000_000_000L;
        List<Object> progress = new ArrayList<>();
        while ((count < target || pending > 0) && System.nanoTime() < timeout) {
            Thread.sleep(500);
            count = Long.parseLong(sql("select count(*) from escalation where deadline = 'FIRST_RESPONSE' and level = 1"));
            // a timer job is deleted once it has run; a failing one stays with an exception and fewer retries
            pending = Long.parseLong(sql("select count(*) from act_ru_job j join bench_storm b on b.job_id = j.id_"
                    + " where j.exception_msg_ is null"));
            double at = (System.nanoTime() - t0) / 1e9;
            if (progress.size() < 1000 && (progress.isEmpty() || at - lastAt(progress) >= 5)) {
                progress.add(List.of(round(at), count - before));
                System.out.printf(Locale.ROOT, "storm: %.1f s  %d escalations, %d timers pending%n", at, count - before,
                        pending);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long escalations = Math.max(1, count - before);
        window.close(escalations, postgresCpuMillis() - pg0);
        m.put("appCpuMsPerEscalation", round((node1.cpuMillis() + node2.cpuMillis() - cpu0) / (double) escalations));
        m.put("dbCpuMsPerEscalation", round((postgresCpuMillis() - pg0) / (double) escalations));
        m.put("timers", target - before);
        m.put("escalated", count - before);
        m.put("finished", count >= target && pending == 0);
        m.put("timersNotRun", pending);
        m.put("seconds", round(seconds));
        m.put("perSecond", round((count - before) / seconds));
        m.put("duplicates", Long.parseLong(sql("select coalesce(sum(n - 1), 0) from (select count(*) n from escalation"
                + " group by case_number, deadline, level having count(*) > 1) d")));
        m.put("byNode", sql("select coalesce(string_agg(owner || ':' || n, ' '), '') from (select coalesce(h.hostname_, '?') owner,"
                + " count(*) n from act_hi_job_log h join bench_storm b on b.job_id = h.job_id_"
                + " where h.job_state_ = 2 group by 1) x"));
        m.put("failedJobs", Long.parseLong(sql("select count(*) from act_ru_job j join bench_storm b on b.job_id = j.id_"
                + " where j.exception_msg_ is not null")));
        // what else the escalations queued meanwhile (mails), and how long until the nodes were quiet again
        long t1 = System.nanoTime();
        waitForQuiet(optInt("storm-timeout", 600));
        m.put("jobsAfterStormDrainedSeconds", round((System.nanoTime() - t1) / 1e9));
        m.put("progress", progress);
        m.put("loadAverageBefore", la);
        m.put("loadAverageAfter", loadAverage());
        m.put("method", "timers made due together by UPDATE act_ru_job SET duedate_ = now() for the first-response "
                + (ladder ? "ladders at the deadline step (each deadline's target moved to now with it)"
                        : "Event_FirstResponseOverdue jobs") + " of open complaints;"
                + " two nodes, same database");
        System.out.printf(Locale.ROOT, "storm: %d of %d escalations in %.1f s, duplicates %s%n", count - before,
                target - before, seconds, m.get("duplicates"));
        return m;
    }

    /** Until no job is due any more (or the timeout passes). */
    static void waitForQuiet(int timeoutSeconds) throws Exception {
        long quietBy = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (System.currentTimeMillis() < quietBy
                && Long.parseLong(sql("select count(*) from act_ru_job where (duedate_ is null or duedate_ <= now())"
                + " and retries_ > 0 and suspension_state_ = 1")) > 0) {
            Thread.sleep(1000);
        }
    }

    static double lastAt(List<Object> progress) {
        return ((Number) ((List<?>) progress.get(progress.size() - 1)).get(0)).doubleValue();
    }

    static final class Stop extends RuntimeException {
    }

    static String sql(String statement) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", opt("db-host", "127.0.0.1"), "-p", opt("db-port", "5432"),
                "-U", opt("db-user", "postgres"), "-d", opt("db", "complaintflow_bench"), "-tAqX", "-v",
                "ON_ERROR_STOP=1", "-c", statement).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql: " + out);
        }
        return out;
    }

}
