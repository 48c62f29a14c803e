package io.paygate.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a measurement cost and what else the machine was doing meanwhile: CPU of this JVM (every
 * service, the broker, the SMTP sink and the load generator), of the PostgreSQL processes, of the
 * whole machine (the rest is other people's work), the JVM's peak heap (sampled every 20 ms) and
 * GC pause time, and this JVM's CPU split by thread name.
 *
 * <p>All services share one JVM, so heap is the whole system's, not one service's.
 */
final class Usage {

    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * @param cores          CPU cores busy on average: by thread group, and "jvm", "postgres", "machine", "others"
     * @param heapPeakMb     the most heap in use at any sample
     * @param heapCommittedMb heap the JVM had reserved at the end
     * @param gcPauseSeconds time in GC pauses
     */
    record Measured(double seconds, Map<String, Double> cores, Map<String, Double> threadCores, long heapPeakMb,
                    long heapCommittedMb, double gcPauseSeconds, double loadAverage) {

        double jvm() {
            return cores.get("jvm");
        }

        String summary() {
            return "cpu cores: jvm %.2f, postgres %.2f, others on the machine %.2f (machine %.2f of %d); heap peak %d MB; GC pauses %.2f s; load avg %.2f; threads %s"
                    .formatted(cores.get("jvm"), cores.get("postgres"), cores.get("others"), cores.get("machine"),
                            Runtime.getRuntime().availableProcessors(), heapPeakMb, gcPauseSeconds, loadAverage, threadCores);
        }
    }

    private final Path dataDir;
    private final long startNanos = System.nanoTime();
    private final long jvmCpu;
    private final long postgresTicks;
    private final long[] machine;
    private final Map<Long, Long> threadCpu;
    private final Map<Long, String> threadNames = new HashMap<>();
    private final long gcMillis;
    private final AtomicLong heapPeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean sampling = true;

    private Usage(Path dataDir) {
        this.dataDir = dataDir;
        this.jvmCpu = processCpuNanos();
        this.postgresTicks = postgresTicks(dataDir);
        this.machine = machineTicks();
        this.threadCpu = threadCpu(threadNames);
        this.gcMillis = gcPauseMillis();
        var memory = ManagementFactory.getMemoryMXBean();
        this.sampler = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(() -> {
            while (sampling) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static Usage start(Path dataDir) {
        return new Usage(dataDir);
    }

    Measured stop() {
        sampling = false;
        sampler.interrupt();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double jvm = (processCpuNanos() - jvmCpu) / 1e9 / seconds;
        double postgres = (postgresTicks(dataDir) - postgresTicks) / TICKS_PER_SECOND / seconds;
        long[] now = machineTicks();
        double machineBusy = ((now[0] - machine[0]) / TICKS_PER_SECOND) / seconds;
        var cores = new LinkedHashMap<String, Double>();
        cores.put("jvm", round(jvm));
        cores.put("postgres", round(postgres));
        cores.put("machine", round(machineBusy));
        cores.put("others", round(Math.max(0, machineBusy - jvm - postgres)));
        var names = new HashMap<Long, String>();
        Map<Long, Long> threadsNow = threadCpu(names);
        var groups = new HashMap<String, Double>();
        threadsNow.forEach((id, cpu) -> {
            long before = threadCpu.getOrDefault(id, 0L);
            groups.merge(group(names.get(id)), (cpu - before) / 1e9 / seconds, Double::sum);
        });
        var threadCores = new LinkedHashMap<String, Double>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> threadCores.put(e.getKey(), round(e.getValue())));
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Measured(seconds, cores, threadCores, heapPeak.get() >> 20, memory.getCommitted() >> 20,
                (gcPauseMillis() - gcMillis) / 1000.0, loadAverage());
    }

    /** Thread names as Reactor Netty, Kafka, R2DBC and the JDK give them, in a few buckets. */
    static String group(String name) {
        if (name == null) {
            return "other";
        }
        if (name.startsWith("bench-") || name.startsWith("HttpClient-")) {
            return "load generator";
        }
        if (name.startsWith("reactor-http")) {
            return "http server+client (netty)";
        }
        if (name.startsWith("reactor-tcp") || name.contains("r2dbc")) {
            return "r2dbc (netty)";
        }
        if (name.startsWith("boundedElastic") || name.startsWith("parallel")) {
            return "reactor workers";
        }
        if (name.startsWith("kafka-producer")) {
            return "kafka producers";
        }
        if (name.contains("-C-") || name.contains("KafkaListener") || name.contains("consumer")) {
            return "kafka listeners";
        }
        if (name.contains("kafka") || name.contains("raft") || name.contains("Replica") || name.contains("broker")
                || name.contains("controller") || name.contains("data-plane") || name.contains("LogCleaner")
                || name.contains("ExpirationReaper") || name.contains("quorum")) {
            return "kafka broker";
        }
        if (name.startsWith("fulfillment-delivery")) {
            return "mail delivery worker";
        }
        if (name.startsWith("greenmail") || name.contains("smtp")) {
            return "smtp sink";
        }
        return "other";
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : 0;
    }

    private static Map<Long, Long> threadCpu(Map<Long, String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var cpu = new HashMap<Long, Long>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long time = threads.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                cpu.put(info.getThreadId(), time);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return cpu;
    }

    private static long gcPauseMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent") && gc.getCollectionTime() > 0) {
                total += gc.getCollectionTime();
            }
        }
        return total;
    }

    /** busy, total ticks of all CPUs from /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * The PostgreSQL server is not a child of this JVM (pg_ctl detaches it): found by the
     * postmaster.pid in the run's data folder; its live backends plus the children it reaped.
     */
    private static long postgresTicks(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir.resolve("postgres"), 3)) {
            var pidFile = files.filter(p -> p.getFileName().toString().equals("postmaster.pid")).findFirst();
            if (pidFile.isEmpty()) {
                return 0;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile.get()).getFirst().trim());
            var postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) {
                return 0;
            }
            long ticks = ticks(pid, true);
            for (ProcessHandle child : postmaster.get().descendants().toList()) {
                ticks += ticks(child.pid(), false);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0 … utime=11 stime=12 cutime=13 cstime=14
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static List<String> describeMachine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() >> 20 : -1;
        return List.of("cpus " + Runtime.getRuntime().availableProcessors(), "memory " + memory + " MB",
                "jdk " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB",
                "gc " + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                "load average at start " + loadAverage());
    }
}
