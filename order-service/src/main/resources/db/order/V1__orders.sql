create table client_apps (
    id             bigserial primary key,
    name           text        not null unique,
    api_key_sha256 text        not null unique,
    created_at     timestamptz not null default now()
);

create sequence order_seq;

create table orders (
    id                bigint       primary key,
    order_no          varchar(32)  not null unique,
    client_id         bigint       not null references client_apps (id),
    subject           varchar(256) not null,
    customer_email    varchar(320) not null,
    amount_fen        bigint       not null check (amount_fen > 0),
    payable_fen       bigint       not null check (payable_fen >= 0 and payable_fen <= amount_fen),
    currency          char(3)      not null default 'CNY',
    status            varchar(32)  not null,
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null,
    paid_at           timestamptz,
    paid_channel      varchar(16),
    platform_trade_no varchar(64),
    check (order_no ~ '^[0-9]{15,32}$')
);
create index orders_by_customer on orders (customer_email, id);

-- every payment a platform reported, applied or not: the same trade is one row however often it is reported
create table payments (
    channel           varchar(16) not null,
    platform_trade_no varchar(64) not null,
    order_no          varchar(32) not null references orders (order_no),
    amount_fen        bigint      not null,
    paid_at           timestamptz not null,
    outcome           varchar(32) not null,
    recorded_at       timestamptz not null default now(),
    primary key (channel, platform_trade_no)
);
create index payments_by_order on payments (order_no);

create table processed_events (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

create table outbox (
    id           bigserial   primary key,
    event_id     text        not null unique,
    topic        text        not null,
    msg_key      text        not null,
    type         text        not null,
    source       text        not null,
    occurred_at  timestamptz not null,
    payload      bytea       not null,
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
