-- one attempt per order, channel and scene: asking again re-uses it
create table payment_attempts (
    id                bigserial    primary key,
    order_no          varchar(32)  not null,
    channel           varchar(16)  not null,
    scene             varchar(16)  not null,
    amount_fen        bigint       not null check (amount_fen > 0),
    status            varchar(16)  not null,
    platform_trade_no varchar(64),
    expires_at        timestamptz  not null,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    unique (order_no, channel, scene)
);
create index payment_attempts_open on payment_attempts (status, updated_at) where status in ('PENDING', 'UNKNOWN');
