-- The expiry pass (every 5 s) asks for unpaid orders past their deadline, and the review queue for
-- orders paid after their timeout. Both are a small part of a table that only grows: without these,
-- each question read every order (bench growth scenario, docs/benchmarks.md). Partial indexes hold
-- only the orders in that state, so they stay small and cost nothing once an order moves on.
create index orders_overdue on orders (expires_at, id) where status = 'PENDING_PAYMENT';
create index orders_paid_after_timeout on orders (id) where status = 'PAID_AFTER_TIMEOUT';
