package io.paygate.sandbox.wechat;

/** The product that opened an order, with its prepay path segment and its {@code trade_type}. */
enum TradeType {
    NATIVE("native"),
    APP("app"),
    JSAPI("jsapi"),
    /** H5: {@code trade_type} is MWEB. */
    MWEB("h5");

    private final String path;

    TradeType(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static TradeType ofPath(String path) {
        for (TradeType type : values()) {
            if (type.path.equals(path)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no prepay product " + path);
    }
}
