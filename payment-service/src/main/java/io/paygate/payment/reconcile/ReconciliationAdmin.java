package io.paygate.payment.reconcile;

import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Admins start a reconciliation of a channel's day and read its result:
 * {@code POST /admin/v1/reconciliations/{channel}/{day}} (202, runs in the background; 409 while
 * one runs), {@code GET} the same path for status, progress, totals and counts, and
 * {@code GET .../discrepancies.csv} for the discrepancies. {@code channel} is {@code alipay} or
 * {@code wechat}, {@code day} ISO ({@code 2026-11-26}).
 */
@RestController
class ReconciliationAdmin {

    private final Reconciliation reconciliation;

    ReconciliationAdmin(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Operation(summary = "Start reconciling a channel's (alipay, wechat) day against its trade bill; answers at once")
    @PostMapping("/admin/v1/reconciliations/{channel}/{day}")
    Mono<ResponseEntity<RunView>> start(@PathVariable String channel, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        Channel which = channel(channel);
        return reconciliation.start(which, day).flatMap(start -> switch (start) {
            case Reconciliation.Start.Started started -> reconciliation.view(which, day)
                    .map(view -> ResponseEntity.status(HttpStatus.ACCEPTED).body(view));
            case Reconciliation.Start.AlreadyRunning running -> Mono.error(new ApiException(HttpStatus.CONFLICT,
                    "reconciliation_running", "a reconciliation of " + which + " " + day + " is running; wait for it to end"));
        });
    }

    @Operation(summary = "A reconciliation: its latest run (status, progress, failure) and its latest result (totals, counts)")
    @GetMapping("/admin/v1/reconciliations/{channel}/{day}")
    Mono<RunView> view(@PathVariable String channel, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        Channel which = channel(channel);
        return reconciliation.view(which, day).switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND,
                "reconciliation_not_found", which + " " + day + " was never reconciled")));
    }

    @Operation(summary = "A reconciliation's discrepancies as CSV (UTF-8, one row each)")
    @GetMapping(path = "/admin/v1/reconciliations/{channel}/{day}/discrepancies.csv")
    Mono<ResponseEntity<byte[]>> csv(@PathVariable String channel, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        Channel which = channel(channel);
        return reconciliation.discrepancies(which, day).collectList().map(rows -> {
            var out = new StringBuilder(DiscrepancyCsv.HEADER);
            rows.forEach(row -> out.append(DiscrepancyCsv.line(which, day, row)));
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-" + which.name().toLowerCase(Locale.ROOT)
                            + "-" + day + ".csv\"")
                    .body(out.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    static Channel channel(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "alipay" -> Channel.ALIPAY;
            case "wechat" -> Channel.WECHAT;
            default -> throw new ApiException(HttpStatus.NOT_FOUND, "platform_unknown", "no platform " + name + "; alipay or wechat");
        };
    }
}
