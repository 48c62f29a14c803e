package io.paygate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The run's findings: one table of every measure against its target, then the details behind it. */
final class Report {

    enum Verdict {
        MET("met"),
        MISSED("**missed**"),
        INFO("—"),
        PENDING("pending");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    record Row(String scenario, String measure, String value, String target, Verdict verdict) {
    }

    private final List<String> machine;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final OffsetDateTime started = OffsetDateTime.now();

    Report(List<String> machine) {
        this.machine = machine;
    }

    void row(String scenario, String measure, String value, String target, Verdict verdict) {
        rows.add(new Row(scenario, measure, value, target, verdict));
        System.out.printf("[bench] %-28s %-44s %-22s target %-18s %s%n", scenario, measure, value, target, verdict.text);
    }

    void detail(String line) {
        details.add(line);
        System.out.println("[bench]   " + line);
    }

    String markdown() {
        var text = new StringBuilder();
        text.append("## paygate bench run ").append(started).append("\n\n");
        machine.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append("- load average at end ").append(Usage.loadAverage()).append("\n\n");
        text.append("| scenario | measure | value | target | |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            text.append("| ").append(row.scenario()).append(" | ").append(row.measure()).append(" | ").append(row.value())
                    .append(" | ").append(row.target()).append(" | ").append(row.verdict().text).append(" |\n");
        }
        text.append("\n### details\n\n");
        details.forEach(line -> text.append("- ").append(line.replace("|", "\\|")).append('\n'));
        return text.toString();
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown());
        return file;
    }
}
