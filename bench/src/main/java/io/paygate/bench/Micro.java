package io.paygate.bench;

import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH microbenchmarks (in {@code io.paygate.bench.jmh} and notify-ingress's packages), each in a forked JVM. */
final class Micro {

    private Micro() {
    }

    static void run(Report report, boolean quick) throws RunnerException {
        var options = new OptionsBuilder()
                .include("io\\.paygate\\.(bench\\.jmh|notify)\\..*")
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .shouldFailOnError(true)
                .build();
        for (RunResult result : new Runner(options).run()) {
            var score = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            report.row("jmh", name, String.format(Locale.ROOT, "%.3f ± %.3f %s", score.getScore(), score.getScoreError(),
                    score.getScoreUnit()), "", Report.Verdict.INFO);
        }
    }
}
