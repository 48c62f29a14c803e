-- Idempotency-Key on order creation: one row per client app and key, holding the first answer
create table idempotency_keys (
    client_id     bigint      not null references client_apps (id),
    idem_key      varchar(255) not null,
    request_hash  char(64)    not null,
    response_body bytea,
    created_at    timestamptz not null,
    primary key (client_id, idem_key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);
