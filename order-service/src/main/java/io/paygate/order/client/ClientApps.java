package io.paygate.order.client;

import io.paygate.common.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Client apps and their API keys. Only a key's SHA-256 is stored, so a database dump does not
 * hand out working keys.
 */
@Component
public class ClientApps {

    static final String ATTRIBUTE = ClientApps.class.getName() + ".clientId";

    private final DatabaseClient db;

    ClientApps(DatabaseClient db) {
        this.db = db;
    }

    /** The client app the request authenticated as; set by {@link ApiKeyFilter}. */
    public static long clientId(ServerWebExchange exchange) {
        Long id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "an API key is required");
        }
        return id;
    }

    Mono<Long> authenticate(String apiKey) {
        return db.sql("select id from client_apps where api_key_sha256 = :hash")
                .bind("hash", sha256(apiKey))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** Registers the app with this key, or gives an existing app of that name the key. */
    Mono<Long> register(String name, String apiKey) {
        return db.sql("insert into client_apps (name, api_key_sha256) values (:name, :hash) "
                        + "on conflict (name) do update set api_key_sha256 = excluded.api_key_sha256 returning id")
                .bind("name", name)
                .bind("hash", sha256(apiKey))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
