-- who decided what about an order that waited for an admin, and when
create table review_decisions (
    id         bigserial   primary key,
    order_no   varchar(32) not null references orders (order_no),
    decision   varchar(16) not null,
    decided_by text        not null,
    decided_at timestamptz not null
);
create index review_decisions_by_order on review_decisions (order_no);
