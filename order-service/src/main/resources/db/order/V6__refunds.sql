-- refunds: each has its own number (the platform's idempotency key); what is reserved for
-- refunds never exceeds what was paid, whatever runs concurrently
alter table orders add column refund_reserved_fen bigint not null default 0;
alter table orders add column refunded_fen bigint not null default 0;
alter table orders add column status_before_refund varchar(32);
alter table orders add constraint refunds_within_paid
    check (refunded_fen >= 0 and refund_reserved_fen >= refunded_fen and refund_reserved_fen <= payable_fen);

create table refunds (
    refund_no    varchar(64)  primary key,
    order_no     varchar(32)  not null references orders (order_no),
    amount_fen   bigint       not null check (amount_fen > 0),
    reason       varchar(256),
    status       varchar(16)  not null,
    requested_by text         not null,
    requested_at timestamptz  not null,
    settled_at   timestamptz,
    failure_code text
);
create index refunds_by_order on refunds (order_no);
