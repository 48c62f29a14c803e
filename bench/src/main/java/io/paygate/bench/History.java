package io.paygate.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Scenario 5's starting point: many more orders already in the databases, as a system that has
 * been taking payments for a while has them — paid a month ago, with their payment rows, their
 * payment attempts in payment-service and their sent receipts in fulfillment-service. Written
 * straight into the tables in bulk (the API would take minutes for what SQL does in seconds),
 * with ids from the services' own sequences so that nothing they make later collides.
 */
final class History {

    private History() {
    }

    static void add(Paygate paygate, int orders) throws SQLException {
        try (Connection db = paygate.database("order-service"); Statement sql = db.createStatement()) {
            sql.execute("create temporary table bench_history as select nextval('order_seq') as id from generate_series(1, " + orders + ")");
            sql.execute("""
                    insert into orders (id, order_no, client_id, subject, customer_email, amount_fen, payable_fen, currency, status,
                                        created_at, expires_at, paid_at, paid_channel, platform_trade_no)
                    select h.id, to_char(now() - interval '30 days', 'YYYYMMDDHH24MISS') || lpad(h.id::text, 10, '0'),
                           (select min(id) from client_apps), '历史订单', 'history' || (h.id % 10000) || '@example.com',
                           100 + h.id % 10000, 100 + h.id % 10000, 'CNY', 'PAID', now() - interval '30 days',
                           now() - interval '30 days' + interval '15 minutes', now() - interval '30 days' + interval '1 minute',
                           case when h.id % 2 = 0 then 'ALIPAY' else 'WECHAT' end, 'HIST' || h.id
                    from bench_history h""");
            sql.execute("""
                    insert into payments (channel, platform_trade_no, order_no, amount_fen, paid_at, outcome, recorded_at)
                    select o.paid_channel, o.platform_trade_no, o.order_no, o.amount_fen, o.paid_at, 'APPLIED', o.paid_at
                    from orders o join bench_history h on o.id = h.id""");
            sql.execute("""
                    insert into processed_events (consumer, event_id, processed_at)
                    select 'order-payments', 'hist-' || h.id, now() - interval '30 days' from bench_history h""");
            sql.execute("analyze");
        }
        try (Connection db = paygate.database("payment-service"); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into payment_attempts (order_no, channel, scene, amount_fen, status, platform_trade_no, expires_at,
                                                  created_at, updated_at, checks, next_check_at)
                    select to_char(now() - interval '30 days', 'YYYYMMDDHH24MISS') || lpad((1000000000 + g)::text, 10, '0'),
                           case when g % 2 = 0 then 'ALIPAY' else 'WECHAT' end, 'APP', 100 + g % 10000, 'SUCCEEDED', 'HIST' || g,
                           now() - interval '30 days', now() - interval '30 days', now() - interval '30 days', 0, null
                    from generate_series(1, """ + orders + ") g");
            sql.execute("analyze");
        }
        try (Connection db = paygate.database("fulfillment-service"); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into facts (fact_key, event_id, order_no, handled_at)
                    select 'paid:hist' || g, 'hist-' || g, lpad(g::text, 24, '0'), now() - interval '30 days'
                    from generate_series(1, """ + orders + ") g");
            sql.execute("""
                    insert into effects (fact_key, kind, order_no, payload, status, attempts, next_attempt_at, created_at, done_at,
                                         topic, record_key, event_id, event_type, event_source, event_time, event_body)
                    select 'paid:hist' || g, 'CUSTOMER_MAIL', lpad(g::text, 24, '0'), '{}', 'DONE', 1, now() - interval '30 days',
                           now() - interval '30 days', now() - interval '30 days', 'paygate.order.v1', lpad(g::text, 24, '0'),
                           'hist-' || g, 'io.paygate.OrderPaid.v1', '/paygate/order-service', now() - interval '30 days', '{}'
                    from generate_series(1, """ + orders + ") g");
            sql.execute("analyze");
        }
    }

    /** How many orders order-service has. */
    static long orders(Paygate paygate) throws SQLException {
        try (Connection db = paygate.database("order-service"); Statement sql = db.createStatement();
             var rows = sql.executeQuery("select count(*) from orders")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
