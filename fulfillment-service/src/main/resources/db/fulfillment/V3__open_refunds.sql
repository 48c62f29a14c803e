-- refunds asked for and not yet ended: an admin is alerted once when one stays open too long
create table open_refunds (
    refund_no      varchar(64) primary key,
    order_no       varchar(32) not null,
    amount_fen     bigint      not null,
    requested_at   timestamptz not null,
    origin_topic   text        not null,
    origin_key     text        not null,
    origin_id      text        not null,
    origin_type    text        not null,
    origin_source  text        not null,
    origin_time    timestamptz not null,
    origin_body    text        not null,
    settled_at     timestamptz,
    alerted_at     timestamptz
);
create index open_refunds_due on open_refunds (requested_at) where settled_at is null and alerted_at is null;
