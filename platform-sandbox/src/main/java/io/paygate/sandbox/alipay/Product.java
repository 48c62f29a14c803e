package io.paygate.sandbox.alipay;

import java.util.Optional;

/**
 * The products a trade is opened with: page and wap pay open the sandbox's cashier through the
 * gateway; app pay never reaches the gateway, its signed order string goes to the app.
 */
enum Product {
    PAGE("alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY"),
    WAP("alipay.trade.wap.pay", "QUICK_WAP_WAY"),
    APP("alipay.trade.app.pay", "QUICK_MSECURITY_PAY");

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

    boolean opensCashier() {
        return this != APP;
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
