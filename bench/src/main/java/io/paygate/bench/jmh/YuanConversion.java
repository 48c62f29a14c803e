package io.paygate.bench.jmh;

import io.paygate.common.money.Yuan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Fen ⇄ yuan strings, once per notification and per platform call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class YuanConversion {

    // not final, so the JIT cannot fold the conversion into a constant
    private long fen = 888_888;
    private String yuan = "8888.88";

    @Benchmark
    public String fenToYuan() {
        return Yuan.format(fen);
    }

    @Benchmark
    public long yuanToFen() {
        return Yuan.parseFen(yuan);
    }
}
