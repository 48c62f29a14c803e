-- refunds known to have ended; their end may be read before their request (two topics), so a
-- request that arrives after its end never counts as open
create table ended_refunds (
    refund_no varchar(64) primary key,
    ended_at  timestamptz not null
);
