package io.paygate.order.stock;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The product table, as admins maintain it. */
@Component
public class Products {

    private final DatabaseClient db;

    Products(DatabaseClient db) {
        this.db = db;
    }

    /** A product with its price and the stock not held by any order. */
    public record Product(String sku, String name, long priceFen, int stock, Instant updatedAt) {
    }

    public Mono<Product> put(String sku, String name, long priceFen, int stock) {
        return db.sql("insert into products (sku, name, price_fen, stock, updated_at) values (:sku, :name, :price, :stock, now()) "
                        + "on conflict (sku) do update set name = excluded.name, price_fen = excluded.price_fen, "
                        + "stock = excluded.stock, updated_at = excluded.updated_at "
                        + "returning sku, name, price_fen, stock, updated_at")
                .bind("sku", sku)
                .bind("name", name)
                .bind("price", priceFen)
                .bind("stock", stock)
                .map(Products::toProduct)
                .one();
    }

    public Mono<Product> find(String sku) {
        return db.sql("select sku, name, price_fen, stock, updated_at from products where sku = :sku")
                .bind("sku", sku).map(Products::toProduct).one();
    }

    public Flux<Product> all() {
        return db.sql("select sku, name, price_fen, stock, updated_at from products order by sku").map(Products::toProduct).all();
    }

    private static Product toProduct(io.r2dbc.spi.Readable row) {
        return new Product(row.get("sku", String.class), row.get("name", String.class), row.get("price_fen", Long.class),
                row.get("stock", Integer.class), row.get("updated_at", java.time.OffsetDateTime.class).toInstant());
    }
}
