-- single-use coupons: a fixed amount off; an order that ends unpaid gives its coupon back
create table coupons (
    code          varchar(64) primary key check (code ~ '^[A-Za-z0-9_-]+$'),
    amount_off_fen bigint     not null check (amount_off_fen > 0),
    used_by_order varchar(32),
    used_at       timestamptz,
    created_at    timestamptz not null
);
