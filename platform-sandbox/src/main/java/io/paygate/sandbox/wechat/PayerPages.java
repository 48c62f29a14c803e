package io.paygate.sandbox.wechat;

import io.paygate.common.money.Yuan;
import io.paygate.common.qr.QrCode;

/**
 * The HTML a WeChat payer sees: plain pages without scripts or external assets; the pay form
 * comes first so that simple test browsers that submit "the first form" press Pay.
 */
final class PayerPages {

    private PayerPages() {
    }

    /** The scanned Native order (or an H5 cashier): its amount, description and a Pay button while it can be paid. */
    static String order(WechatOrder order, String action, String redirectUrl) {
        if (order.state() != TradeState.NOTPAY) {
            return problem("This order cannot be paid", "Order " + order.outTradeNo() + " is " + order.state() + " ("
                    + order.state().description() + ").");
        }
        String redirect = redirectUrl == null ? ""
                : "<input type=\"hidden\" name=\"redirect_url\" value=\"" + escape(redirectUrl) + "\">";
        // the Native QR code itself, drawn inline (what a phone would scan); its code_url is printed below
        String qr = order.tradeType() == TradeType.NATIVE && order.credential() != null
                ? "<div id=\"qr\">" + QrCode.of(order.credential()).svg().replaceFirst("^<\\?xml[^>]*>\\s*", "") + "</div>"
                : "";
        return layout("微信支付 (sandbox)", """
                <form method="post" action="%s">
                  <input type="hidden" name="out_trade_no" value="%s">%s
                  <h1 id="description">%s</h1>
                  <p class="amount">¥ <strong id="amount">%s</strong></p>%s
                  <dl>
                    <dt>Order number (out_trade_no)</dt><dd id="out-trade-no">%s</dd>
                    <dt>Trade type</dt><dd id="trade-type">%s</dd>
                    <dt>Pay before</dt><dd>%s</dd>
                    <dt>code_url / prepay</dt><dd id="credential">%s</dd>
                  </dl>
                  <button id="pay" type="submit">Pay ¥ %s</button>
                </form>
                """.formatted(escape(action), escape(order.outTradeNo()), redirect, escape(order.description()),
                Yuan.format(order.totalFen()), qr, escape(order.outTradeNo()), order.tradeType().name(),
                WechatTime.format(order.timeExpire()), escape(order.credential()), Yuan.format(order.totalFen())));
    }

    static String paid(WechatOrder order) {
        return layout("支付成功 (sandbox)", """
                <h1 id="paid">支付成功 Paid</h1>
                <p>¥ %s for %s (order %s, WeChat Pay transaction %s).</p>
                """.formatted(Yuan.format(order.totalFen()), escape(order.description()), escape(order.outTradeNo()),
                escape(order.transactionId())));
    }

    static String problem(String title, String text) {
        return layout("错误 (sandbox)", "<h1 id=\"problem\">" + escape(title) + "</h1><p id=\"reason\">" + escape(text) + "</p>");
    }

    private static String layout(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s</title>
                <style>body{font-family:sans-serif;max-width:28em;margin:2em auto}.amount{font-size:2em}
                button{background:#07c160;color:#fff;border:0;padding:.8em 2em;font-size:1.1em}</style>
                </head><body>
                %s
                </body></html>
                """.formatted(escape(title), body);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
