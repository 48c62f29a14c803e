-- a refund gives back either part of the order's own payment (ORDER: counted against what the
-- order was paid) or all of a payment that paid no order (PAYMENT: a double payment or a wrong
-- amount; it never touches the order's refund figures). A PAYMENT refund names its payment, and
-- that payment names the refund under way, so it is refunded once.
alter table refunds add column kind varchar(16) not null default 'ORDER' check (kind in ('ORDER', 'PAYMENT'));
alter table refunds add column channel varchar(16);
alter table refunds add column platform_trade_no varchar(64);
alter table payments add column refund_no varchar(64) references refunds (refund_no);
