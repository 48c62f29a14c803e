-- event ids this service has applied; claimed in the same transaction as the delivery they cause
create table processed_events (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

-- what was delivered to whom. One row per order and kind: a second OrderPaid for the same order
-- (another event id for the same fact) finds its row and sends nothing.
create table deliveries (
    id         bigserial    primary key,
    event_id   text         not null,
    order_no   varchar(32)  not null,
    kind       varchar(32)  not null,
    recipient  varchar(320) not null,
    sent_at    timestamptz  not null,
    unique (order_no, kind)
);
create index deliveries_by_event on deliveries (event_id);
