package io.paygate.order.admin;

import io.paygate.common.web.AdminAuthentication;
import io.paygate.common.web.ApiException;
import io.paygate.order.stock.Products;
import io.paygate.order.stock.Products.Product;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admins keep products, prices and stock. */
@RestController
@RequestMapping("/admin/v1/products")
class ProductAdmin {

    private final Products products;

    ProductAdmin(Products products) {
        this.products = products;
    }

    record PutProduct(@NotBlank @Size(max = 256) String name, @NotNull @Min(1) @Max(10_000_000_000L) Long priceFen,
                      @NotNull @Min(0) @Max(100_000_000) Integer stock) {
    }

    @Operation(summary = "Create or replace a product, its price and its available stock")
    @PutMapping("/{sku}")
    Mono<Product> put(@PathVariable String sku, @Valid @RequestBody PutProduct request) {
        if (!sku.matches("[A-Za-z0-9._-]{1,64}")) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "sku_invalid",
                    "a SKU is 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        return products.put(sku, request.name().strip(), request.priceFen(), request.stock());
    }

    @Operation(summary = "One product with its available stock")
    @GetMapping("/{sku}")
    Mono<Product> get(@PathVariable String sku) {
        return products.find(sku).switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "product_not_found", "no product " + sku)));
    }

    @Operation(summary = "Every product with its available stock")
    @GetMapping
    Flux<Product> all() {
        return products.all();
    }

    @Configuration(proxyBeanMethods = false)
    static class Security {
        @Bean
        AdminAuthentication adminAuthentication(AdminSettings settings) {
            return new AdminAuthentication(settings.username(), settings.password());
        }
    }
}
