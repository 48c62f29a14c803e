package io.paygate.sandbox.alipay;

import io.paygate.common.money.Yuan;

/**
 * The HTML the buyer sees. Plain pages without scripts; the pay form comes first on the cashier
 * page so that simple test browsers that submit "the first form" press Pay.
 */
final class CashierPages {

    private CashierPages() {
    }

    /** What the buyer sees on opening a trade: the cashier while it can be paid, otherwise why not. */
    static String forTrade(Trade trade) {
        return switch (trade.status()) {
            case WAIT_BUYER_PAY -> cashier(trade);
            case TRADE_SUCCESS, TRADE_FINISHED -> error(Failure.business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付"));
            case TRADE_CLOSED -> error(Failure.business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭"));
        };
    }

    static String cashier(Trade trade) {
        String cancel = trade.quitUrl() != null ? trade.quitUrl() : "/alipay/cashier/" + trade.tradeNo() + "/cancel";
        return layout("支付宝 收银台 (sandbox)", """
                <form method="post" action="/alipay/cashier/%s/pay">
                  <h1>%s</h1>
                  <p class="amount">¥ <strong id="amount">%s</strong></p>
                  <dl>
                    <dt>Order number (out_trade_no)</dt><dd id="out-trade-no">%s</dd>
                    <dt>Alipay trade number</dt><dd id="trade-no">%s</dd>
                    <dt>Pay before</dt><dd>%s</dd>
                  </dl>
                  <button id="pay" type="submit">Pay ¥ %s</button>
                  <a id="cancel" href="%s">Cancel</a>
                </form>
                """.formatted(escape(trade.tradeNo()), escape(trade.subject()), Yuan.format(trade.totalFen()),
                escape(trade.outTradeNo()), escape(trade.tradeNo()), AlipayTime.format(trade.expiresAt()),
                Yuan.format(trade.totalFen()), escape(cancel)));
    }

    /** After payment when the merchant gave no return_url. */
    static String paid(Trade trade) {
        return layout("支付成功 (sandbox)", """
                <h1 id="paid">Paid</h1>
                <p>¥ %s for %s (order %s, Alipay trade %s).</p>
                """.formatted(Yuan.format(trade.totalFen()), escape(trade.subject()), escape(trade.outTradeNo()),
                escape(trade.tradeNo())));
    }

    /** The buyer left; the trade stays open until paid, closed or past its deadline, as at Alipay. */
    static String cancelled(Trade trade) {
        return layout("已取消 (sandbox)", """
                <h1 id="cancelled">You left the cashier</h1>
                <p>Order %s is still open until %s. <a href="/alipay/cashier/%s">Back to the cashier</a></p>
                """.formatted(escape(trade.outTradeNo()), AlipayTime.format(trade.expiresAt()), escape(trade.tradeNo())));
    }

    static String error(Failure failure) {
        return layout("错误 (sandbox)", """
                <h1 id="error">%s</h1>
                <p>code <span id="code">%s</span>, sub_code <span id="sub-code">%s</span></p>
                """.formatted(escape(failure.subMsg()), escape(failure.code()), escape(failure.subCode())));
    }

    private static String layout(String title, String content) {
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;max-width:32em;margin:3em auto}.amount{font-size:2em}
                button{font-size:1.2em;padding:.4em 2em;background:#1677ff;color:#fff;border:0}</style></head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(title), content);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
