package io.paygate.order.stock;

import io.paygate.common.web.ApiException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Products and their stock. An order holds its items' stock from creation with one guarded
 * decrement per line ({@code stock >= quantity}), so stock never goes below zero however many
 * orders race for the last piece; expiry and cancel give it back. Run both inside the order's
 * transaction.
 */
@Component
public class Stock {

    private final DatabaseClient db;

    Stock(DatabaseClient db) {
        this.db = db;
    }

    /** One line of an order as asked. */
    public record Wanted(String sku, int quantity) {
    }

    /** One line as held, with its unit price at the time. */
    public record Held(String sku, int quantity, long priceFen) {
        public long lineFen() {
            return Math.multiplyExact(priceFen, (long) quantity);
        }
    }

    /**
     * Holds every line or none (the caller's transaction rolls back on the error). Lines are
     * taken in SKU order so two orders wanting the same products never deadlock.
     */
    public Mono<List<Held>> hold(List<Wanted> lines) {
        return Flux.fromIterable(lines.stream().sorted(Comparator.comparing(Wanted::sku)).toList())
                .concatMap(this::take)
                .collectList();
    }

    /** Records what an order holds, so expiry and cancel can give it back. */
    public Mono<Void> record(String orderNo, List<Held> lines) {
        return Flux.fromIterable(lines).concatMap(held -> remember(orderNo, held)).then();
    }

    /** Gives an order's held stock back; call once, in the transaction that ends the order unpaid. */
    public Mono<Long> release(String orderNo) {
        return db.sql("update products p set stock = p.stock + i.quantity, updated_at = now() "
                        + "from order_items i where i.order_no = :orderNo and p.sku = i.sku")
                .bind("orderNo", orderNo)
                .fetch()
                .rowsUpdated();
    }

    /** Holds an order's recorded items again (an admin accepting money that came after its stock was released). */
    public Mono<Void> holdAgain(String orderNo) {
        return itemsOf(orderNo).map(held -> new Wanted(held.sku(), held.quantity())).collectList()
                .flatMap(lines -> hold(lines)).then();
    }

    public Flux<Held> itemsOf(String orderNo) {
        return db.sql("select sku, quantity, price_fen from order_items where order_no = :orderNo order by sku")
                .bind("orderNo", orderNo)
                .map(row -> new Held(row.get("sku", String.class), row.get("quantity", Integer.class), row.get("price_fen", Long.class)))
                .all();
    }

    private Mono<Held> take(Wanted line) {
        return db.sql("update products set stock = stock - :quantity, updated_at = now() "
                        + "where sku = :sku and stock >= :quantity returning price_fen")
                .bind("quantity", line.quantity())
                .bind("sku", line.sku())
                .map(row -> new Held(line.sku(), line.quantity(), row.get("price_fen", Long.class)))
                .one()
                .switchIfEmpty(Mono.defer(() -> refusal(line)));
    }

    private Mono<Held> refusal(Wanted line) {
        return db.sql("select 1 from products where sku = :sku").bind("sku", line.sku()).map(row -> true).one()
                .flatMap(exists -> Mono.<Held>error(new ApiException(HttpStatus.CONFLICT, "out_of_stock",
                        "not enough stock of " + line.sku() + " for " + line.quantity())))
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_sku",
                        "no product " + line.sku())));
    }

    private Mono<Void> remember(String orderNo, Held held) {
        return db.sql("insert into order_items (order_no, sku, quantity, price_fen) values (:orderNo, :sku, :quantity, :price)")
                .bind("orderNo", orderNo)
                .bind("sku", held.sku())
                .bind("quantity", held.quantity())
                .bind("price", held.priceFen())
                .fetch()
                .rowsUpdated()
                .then();
    }
}
