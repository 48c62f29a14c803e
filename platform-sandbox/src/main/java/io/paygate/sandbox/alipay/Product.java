package io.paygate.sandbox.alipay;

import java.util.Optional;

/** The browser products: the buyer opens the sandbox's cashier through the gateway. */
enum Product {
    PAGE("alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY"),
    WAP("alipay.trade.wap.pay", "QUICK_WAP_WAY");

    private final String method;
    private final String productCode;

    Product(String method, String productCode) {
        this.method = method;
        this.productCode = productCode;
    }

    String method() {
        return method;
    }

    String productCode() {
        return productCode;
    }

    /** The {@code method} Alipay puts into the browser return (ref §4). */
    String returnMethod() {
        return method + ".return";
    }

    static Optional<Product> byMethod(String method) {
        for (Product product : values()) {
            if (product.method.equals(method)) {
                return Optional.of(product);
            }
        }
        return Optional.empty();
    }
}
