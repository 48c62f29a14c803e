package io.paygate.payment.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.payment.alipay.AlipayBill;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AlipayBillTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void readsPaymentAndRefundRowsByColumnNameWithTabsTrimmedAndRefundsNegative() throws Exception {
        String detail = String.join("\r\n",
                "#支付宝业务明细查询",
                "#账号：[2088000000000001]",
                "#起始日期：[2026年11月25日 00:00:00]   终止日期：[2026年11月26日 00:00:00]",
                "#-----------------------------------------业务明细列表----------------------------------------",
                "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注",
                "2026112522001400000000000001\t,202611251200000000000007\t,交易,年度会员,2026-11-25 12:00:00,2026-11-25 12:00:05,,,,,buy***@example.com,88.88,88.88,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-0.53,0.00,",
                "2026112522001400000000000001\t,202611251200000000000007\t,退款,年度会员,2026-11-25 12:00:00,2026-11-25 13:00:00,,,,,buy***@example.com,-10.00,-10.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,202611251200000000000007R1\t,0.06,0.00,",
                "#-----------------------------------------业务明细列表结束------------------------------------",
                "#交易合计：1笔，商家实收共88.88元，商家优惠共0.00元",
                "#退款合计：1笔，商家实收退款共-10.00元，商家优惠退款共0.00元",
                "#导出时间：[2026年11月26日 06:27:10]");

        var rows = AlipayBill.parseZip(zip("2088000000000001_20261125_业务明细.csv", detail));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).kind()).isEqualTo(AlipayBill.Kind.PAYMENT);
        assertThat(rows.get(0).orderNo()).isEqualTo("202611251200000000000007");
        assertThat(rows.get(0).receivedFen()).isEqualTo(8888);
        assertThat(rows.get(0).feeFen()).isEqualTo(-53);
        assertThat(rows.get(1).kind()).isEqualTo(AlipayBill.Kind.REFUND);
        assertThat(rows.get(1).receivedFen()).isEqualTo(-1000);
        assertThat(rows.get(1).refundRequestNo()).isEqualTo("202611251200000000000007R1");
    }

    @Test
    void anArchiveWithoutADetailFileIsRefused() throws Exception {
        assertThatThrownBy(() -> AlipayBill.parseZip(zip("2088_20261125_业务明细(汇总).csv", "#x")))
                .hasMessageContaining("业务明细");
    }

    private static byte[] zip(String name, String content) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, GBK)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(GBK));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
