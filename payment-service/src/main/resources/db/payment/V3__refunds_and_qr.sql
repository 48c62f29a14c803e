-- the code_url of a WeChat Native attempt, so its QR image can be served again
alter table payment_attempts add column code_url varchar(512);

-- refunds this service asked a platform for, until the platform says how they ended
create table refunds (
    refund_no          varchar(64)  primary key,
    order_no           varchar(32)  not null,
    channel            varchar(16)  not null,
    platform_trade_no  varchar(64),
    amount_fen         bigint       not null check (amount_fen > 0),
    paid_fen           bigint       not null,
    reason             varchar(256),
    status             varchar(16)  not null,
    platform_refund_id varchar(64),
    failure_code       varchar(64),
    checks             integer      not null default 0,
    next_check_at      timestamptz,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index refunds_due on refunds (next_check_at) where status in ('PROCESSING', 'UNKNOWN');
