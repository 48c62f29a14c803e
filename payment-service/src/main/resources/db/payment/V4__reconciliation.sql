-- when the platform says a payment completed and a refund went back: the day reconciliation counts them on
alter table payment_attempts add column paid_at timestamptz;
create index payment_attempts_paid on payment_attempts (channel, paid_at) where status = 'SUCCEEDED';
alter table refunds add column refunded_at timestamptz;
create index refunds_refunded on refunds (channel, refunded_at) where status = 'SUCCEEDED';

-- one reconciliation per channel and day: the state of its latest run and the result of its latest finished one
create table reconciliations (
    channel                    varchar(16)  not null,
    day                        date         not null,
    status                     varchar(16)  not null,   -- of the latest run: RUNNING, COMPLETED, NO_BILL, FAILED
    run_no                     integer      not null,
    started_at                 timestamptz  not null,
    finished_at                timestamptz,
    rows_total                 integer,
    rows_processed             integer      not null default 0,
    reason                     text,
    -- the latest finished result (COMPLETED or NO_BILL); a failed run leaves it as it was
    result_status              varchar(16),
    result_run_no              integer,
    result_at                  timestamptz,
    bill_code                  varchar(64),
    our_payments               integer      not null default 0,
    our_payment_fen            bigint       not null default 0,
    our_refunds                integer      not null default 0,
    our_refund_fen             bigint       not null default 0,
    platform_payments          integer      not null default 0,
    platform_payment_fen       bigint       not null default 0,
    platform_refunds           integer      not null default 0,
    platform_refund_fen        bigint       not null default 0,
    platform_fee_milli_fen     bigint       not null default 0,
    matched                    integer      not null default 0,
    carried_in                 integer      not null default 0,
    carried_in_cleared         integer      not null default 0,
    carried_out                integer      not null default 0,
    paid_at_platform_only      integer      not null default 0,
    paid_here_only             integer      not null default 0,
    amount_differs             integer      not null default 0,
    refund_missing_here        integer      not null default 0,
    refund_missing_at_platform integer      not null default 0,
    primary key (channel, day)
);

create table reconciliation_discrepancies (
    channel           varchar(16)  not null,
    day               date         not null,
    seq               integer      not null,
    type              varchar(32)  not null,
    order_no          varchar(64)  not null,
    refund_no         varchar(64),
    our_fen           bigint,
    platform_fen      bigint,
    our_trade_no      varchar(64),
    platform_trade_no varchar(64),
    occurred_at       timestamptz,
    carried_from      date,
    primary key (channel, day, seq)
);

-- what a day's run could not match near midnight: the next day's run looks for it before reporting it
create table reconciliation_carry_over (
    channel       varchar(16)  not null,
    day           date         not null,
    seq           integer      not null,
    side          varchar(16)  not null,   -- OURS or PLATFORM
    kind          varchar(16)  not null,   -- PAYMENT or REFUND
    order_no      varchar(64)  not null,
    refund_no     varchar(64),
    trade_no      varchar(64),
    amount_fen    bigint       not null,
    fee_milli_fen bigint       not null default 0,
    occurred_at   timestamptz,
    primary key (channel, day, seq)
);
