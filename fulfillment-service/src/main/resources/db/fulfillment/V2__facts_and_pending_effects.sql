-- The facts acted on ("order X paid", "refund R of order X went through"): one row each, so the
-- same fact arriving under another event id causes nothing the second time. Replaces
-- `deliveries`, whose rows were all paid-order receipts.
create table facts (
    fact_key   varchar(200) primary key,
    event_id   text         not null,
    order_no   varchar(32)  not null,
    handled_at timestamptz  not null
);
insert into facts (fact_key, event_id, order_no, handled_at)
select 'paid:' || order_no, event_id, order_no, sent_at from deliveries where kind = 'RECEIPT_EMAIL';
drop table deliveries;

-- The local outbox of mails and robot messages. Queued in the transaction that claims the event
-- id; sent by the delivery worker, which marks a row DONE only after the server accepted it, or
-- DEAD once it is on the dead-letter topic. The consumed event is kept so that it can be
-- dead-lettered as it arrived.
create table effects (
    id              bigserial    primary key,
    fact_key        varchar(200) not null,
    kind            varchar(32)  not null,
    order_no        varchar(32)  not null,
    payload         text         not null,
    status          varchar(8)   not null check (status in ('PENDING', 'DONE', 'DEAD')),
    attempts        integer      not null,
    next_attempt_at timestamptz  not null,
    last_error      text,
    created_at      timestamptz  not null,
    done_at         timestamptz,
    topic           text         not null,
    record_key      text         not null,
    event_id        text         not null,
    event_type      text         not null,
    event_source    text         not null,
    event_time      timestamptz  not null,
    event_body      text         not null,
    unique (fact_key, kind)
);
create index effects_due on effects (next_attempt_at, id) where status = 'PENDING';
create index effects_by_event on effects (event_id) where status = 'DEAD';
