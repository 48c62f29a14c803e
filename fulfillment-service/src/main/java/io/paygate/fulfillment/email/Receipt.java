package io.paygate.fulfillment.email;

import io.paygate.common.money.Yuan;
import io.paygate.events.Channel;
import io.paygate.events.OrderPaid;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.web.util.HtmlUtils;

/**
 * The receipt for one paid order in one language: a subject line, a plain-text body and the
 * same content as HTML, for mail clients that show either.
 */
record Receipt(String subject, String text, String html) {

    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Receipt of(OrderPaid paid, ReceiptLanguage language, ZoneId zone) {
        String amount = amount(paid.amountFen(), paid.currency());
        String paidAt = PAID_AT.format(paid.paidAt().atZone(zone)) + " (" + zone.getId() + ")";
        Labels labels = Labels.of(language);
        String[][] rows = {
                {labels.orderNo(), paid.orderNo()},
                {labels.item(), paid.subject()},
                {labels.amount(), amount},
                {labels.platform(), platform(paid.channel(), language)},
                {labels.tradeNo(), paid.free() ? "—" : paid.platformTradeNo()},
                {labels.paidAt(), paidAt}};

        var text = new StringBuilder(labels.greeting()).append("\n\n");
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>")
                .append("<p>").append(escape(labels.greeting())).append("</p><table>");
        for (String[] row : rows) {
            text.append(row[0]).append(": ").append(row[1]).append('\n');
            html.append("<tr><th align=\"left\">").append(escape(row[0])).append("</th><td>")
                    .append(escape(row[1])).append("</td></tr>");
        }
        text.append('\n').append(labels.closing()).append('\n');
        html.append("</table><p>").append(escape(labels.closing())).append("</p></body></html>");
        return new Receipt(labels.subject() + paid.orderNo(), text.toString(), html.toString());
    }

    /** {@code ¥88.88} for yuan; any other currency keeps its code, so nothing is shown as yuan by mistake. */
    static String amount(long fen, String currency) {
        return "CNY".equals(currency) ? "¥" + Yuan.format(fen) : Yuan.format(fen) + " " + currency;
    }

    static String platform(Channel channel, ReceiptLanguage language) {
        if (channel == null) {
            return language == ReceiptLanguage.ZH ? "优惠券全额抵扣" : "Covered in full by a coupon";
        }
        return switch (channel) {
            case ALIPAY -> language == ReceiptLanguage.ZH ? "支付宝" : "Alipay";
            case WECHAT -> language == ReceiptLanguage.ZH ? "微信支付" : "WeChat Pay";
        };
    }

    private static String escape(String value) {
        // subject and trade number come from merchants and platforms: never trust them as markup
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    private record Labels(String subject, String greeting, String orderNo, String item, String amount,
                          String platform, String tradeNo, String paidAt, String closing) {

        static Labels of(ReceiptLanguage language) {
            return switch (language) {
                case ZH -> new Labels("支付成功：订单 ", "您好，我们已收到您的付款。", "订单号", "商品", "金额",
                        "支付平台", "平台交易号", "支付时间", "感谢您的购买。");
                case EN -> new Labels("Payment received: order ", "Hello, we have received your payment.",
                        "Order number", "Item", "Amount", "Paid with", "Platform trade number", "Paid at",
                        "Thank you for your purchase.");
            };
        }
    }
}
