package io.paygate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load generator: sends prepared requests over loopback either at a fixed rate (open loop:
 * each request's latency counts from when it was due, so a stalled server is not hidden by a
 * stalled generator) or as fast as a fixed number of connections goes (closed loop). Both stop
 * at a request count or a duration, whichever comes first, then wait for the answers in flight.
 */
final class Load {

    /** What a right answer looks like: null when the answer is right, otherwise what is wrong with it. */
    @FunctionalInterface
    interface Check {
        String problem(HttpResponse<String> answer);
    }

    static final Check ALIPAY_SUCCESS = answer -> answer.statusCode() == 200 && "success".equals(answer.body())
            ? null : answer.statusCode() + " " + answer.body();
    static final Check WECHAT_ACCEPTED = answer -> answer.statusCode() / 100 == 2 ? null : answer.statusCode() + " " + answer.body();
    static final Check CREATED = answer -> answer.statusCode() == 201 ? null : answer.statusCode() + " " + abbreviated(answer.body());

    /**
     * @param sent       requests sent
     * @param ok         right answers
     * @param errors     wrong answers, timeouts and connection failures
     * @param seconds    from the first send to the last answer
     * @param latency    microseconds, from when due (fixed rate) or sent (closed loop) to the answer
     * @param dueAt      per request index, the wall-clock time it was due (null where not sent)
     * @param problems   a few wrong answers, counted by kind
     */
    record Result(String name, double targetPerSecond, long sent, long ok, long errors, double seconds, Histogram latency,
                  Instant[] dueAt, Map<String, Long> problems) {

        double perSecond() {
            return seconds == 0 ? 0 : (ok + errors) / seconds;
        }

        double okPerSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        double p50Ms() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double maxMs() {
            return latency.getMaxValue() / 1000.0;
        }

        /** Kept up: nearly the rate asked for, every answer right, none later than 3 s. */
        boolean sustained() {
            return errors == 0 && maxMs() < 3000 && (targetPerSecond == 0 || perSecond() >= 0.95 * targetPerSecond);
        }

        String summary() {
            return "%s: %d sent, %d ok, %d errors in %.1f s = %.0f/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%s".formatted(
                    name, sent, ok, errors, seconds, perSecond(), p50Ms(), p99Ms(), maxMs(),
                    problems.isEmpty() ? "" : "; problems " + problems);
        }
    }

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int MAX_IN_FLIGHT = 4096;

    private Load() {
    }

    /** Sends the requests in order at {@code perSecond}, for at most {@code limit}. */
    static Result fixedRate(String name, HttpClient http, List<HttpRequest> requests, double perSecond, Duration limit, Check check) {
        var run = new Run(name, perSecond, requests.size(), check);
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        Instant startWall = Instant.now().plusMillis(20);
        long end = start + limit.toNanos();
        var inFlight = new Semaphore(MAX_IN_FLIGHT);
        for (int i = 0; i < requests.size(); i++) {
            long due = start + i * intervalNanos;
            if (due > end) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            run.dueAt[i] = startWall.plusNanos(due - start);
            run.send(http, requests.get(i), due, inFlight::release);
        }
        return run.finish(start);
    }

    /** Sends the requests in order over {@code connections} concurrent exchanges, for at most {@code limit}. */
    static Result closedLoop(String name, HttpClient http, List<HttpRequest> requests, int connections, Duration limit, Check check) {
        var run = new Run(name, 0, requests.size(), check);
        long start = System.nanoTime();
        Instant startWall = Instant.now();
        long end = start + limit.toNanos();
        var next = new AtomicInteger();
        for (int c = 0; c < connections; c++) {
            run.chain(http, requests, next, end, start, startWall);
        }
        return run.finish(start);
    }

    static String abbreviated(String text) {
        return text == null ? "" : text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    /** One measurement in progress. */
    private static final class Run {
        final String name;
        final double targetPerSecond;
        final Check check;
        final ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        final Map<String, Long> problems = new ConcurrentHashMap<>();
        final Instant[] dueAt;

        Run(String name, double targetPerSecond, int size, Check check) {
            this.name = name;
            this.targetPerSecond = targetPerSecond;
            this.check = check;
            this.dueAt = new Instant[size];
        }

        void send(HttpClient http, HttpRequest request, long due, Runnable then) {
            sent.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
                long now = System.nanoTime();
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - due) / 1000)));
                String problem = failure != null ? failure.getClass().getSimpleName() : check.problem(answer);
                if (problem == null) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (problems.size() < 20 || problems.containsKey(abbreviated(problem))) {
                        problems.merge(abbreviated(problem), 1L, Long::sum);
                    }
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                done.incrementAndGet();
                then.run();
            });
        }

        void chain(HttpClient http, List<HttpRequest> requests, AtomicInteger next, long end, long start, Instant startWall) {
            long now = System.nanoTime();
            if (now > end) {
                return;
            }
            int i = next.getAndIncrement();
            if (i >= requests.size()) {
                return;
            }
            dueAt[i] = startWall.plusNanos(now - start);
            send(http, requests.get(i), now, () -> chain(http, requests, next, end, start, startWall));
        }

        Result finish(long start) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.get() < sent.get() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            // closed loop: the last exchanges may still be starting their successors when the count is reached
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            while (done.get() < sent.get() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            long unanswered = sent.get() - done.get();
            if (unanswered > 0) {
                errors.addAndGet(unanswered);
                problems.merge("no answer within 60 s of the end", unanswered, Long::sum);
            }
            double seconds = Math.max(0, lastAnswer.get() - start) / 1e9;
            return new Result(name, targetPerSecond, sent.get(), ok.get(), errors.get(), seconds, latency.copy(), dueAt,
                    Map.copyOf(problems));
        }
    }
}
