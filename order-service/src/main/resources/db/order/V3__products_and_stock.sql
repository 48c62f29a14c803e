create table products (
    sku        varchar(64)  primary key check (sku ~ '^[A-Za-z0-9._-]+$'),
    name       varchar(256) not null,
    price_fen  bigint       not null check (price_fen > 0),
    -- held stock is already subtracted: this can never go below zero, whatever runs concurrently
    stock      integer      not null check (stock >= 0),
    updated_at timestamptz  not null
);

create table order_items (
    order_no  varchar(32) not null references orders (order_no),
    sku       varchar(64) not null references products (sku),
    quantity  integer     not null check (quantity > 0),
    price_fen bigint      not null check (price_fen > 0),
    primary key (order_no, sku)
);
