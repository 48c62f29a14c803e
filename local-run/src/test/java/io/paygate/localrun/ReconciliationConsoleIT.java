package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.Stack;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue #8's "done when", in real headless Chromium against the whole local run: orders paid on
 * both platforms today, then an admin reconciles today from the console for Alipay and for
 * WeChat Pay (the local run's sandbox issues today's bill so far) and sees the totals, the
 * discrepancies and the CSV behind the download link. One Alipay payment is planted whose
 * notification the sandbox drops; the sweep is off in this run, so only reconciliation can find it.
 */
class ReconciliationConsoleIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String CSV_HEADER = "day,channel,type,order_no,refund_no,our_fen,platform_fen,our_yuan,platform_yuan,"
            + "our_trade_no,platform_trade_no,occurred_at,carried_from";
    private static LocalRun run;
    private static Shop shop;
    private Chromium chromium;

    @RegisterExtension
    final Chromium.ScreenshotOnFailure screenshots = new Chromium.ScreenshotOnFailure(() -> chromium);

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                Map.of("paygate.payment.sweep.enabled", "false")));
        shop = new Shop(run);
    }

    @AfterAll
    static void stopTheSystem() {
        run.close();
    }

    @BeforeEach
    void openBrowser() {
        chromium = new Chromium();
    }

    @AfterEach
    void closeBrowser() {
        chromium.close();
    }

    @Test
    void todayIsReconciledFromTheConsoleForBothPlatformsAndAPaymentNeverNotifiedIsListed() {
        assumeThat(LocalTime.now(BEIJING)).as("today's payments are not carried over: not within the last 30 min before midnight")
                .isBetween(LocalTime.of(0, 1), LocalTime.of(23, 25));
        LocalDate today = LocalDate.now(BEIJING);
        String alipayPaid = shop.orderAwaiting("ALIPAY", 1111, "reconcile-a@example.com");
        shop.pay("ALIPAY", alipayPaid);
        String wechatPaid = shop.orderAwaiting("WECHAT", 2222, "reconcile-w@example.com");
        shop.pay("WECHAT", wechatPaid);
        String neverNotified = shop.orderAwaiting("ALIPAY", 3333, "reconcile-lost@example.com");
        shop.fault("ALIPAY", neverNotified, Map.of("dropNotifications", true));
        shop.pay("ALIPAY", neverNotified);
        await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(status(alipayPaid)) && "PAID".equals(status(wechatPaid)));
        assertThat(shop.trade("ALIPAY", neverNotified).get("status").asString()).isEqualTo("TRADE_SUCCESS");
        assertThat(status(neverNotified)).isEqualTo("PENDING_PAYMENT");

        WebDriver page = chromium.driver();
        signIn(page);
        reconcileToday(page, "alipay");

        chromium.waitUntil(d -> result(d).contains("ALIPAY " + today + ": COMPLETED"), Duration.ofSeconds(60));
        assertThat(totals(page, 1)).containsExactly("ours", "1", "¥11.11", "0", "¥0.00");
        assertThat(totals(page, 2)).containsExactly("bill", "2", "¥44.44", "0", "¥0.00");
        assertThat(result(page)).contains("matched 1,").contains("discrepancies 1");
        chromium.waitUntil(d -> result(d).contains(neverNotified), Duration.ofSeconds(15));
        assertThat(discrepancyRows(page)).singleElement().satisfies(row ->
                assertThat(row).startsWith("PAID_AT_PLATFORM_ONLY " + neverNotified + " ").contains("33.33"));
        List<String> csv = downloadedCsv(page).lines().toList();
        assertThat(csv).hasSize(2).first().isEqualTo(CSV_HEADER);
        assertThat(csv.getLast()).startsWith(today + ",ALIPAY,PAID_AT_PLATFORM_ONLY," + neverNotified + ",,,3333,,33.33,,"
                + shop.trade("ALIPAY", neverNotified).get("tradeNo").asString() + ",").endsWith("Z,");
        // reconciliation published it as found: the order rules apply, and it is paid
        await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(status(neverNotified)));

        reconcileToday(page, "wechat");

        chromium.waitUntil(d -> result(d).contains("WECHAT " + today + ": COMPLETED"), Duration.ofSeconds(60));
        assertThat(totals(page, 1)).containsExactly("ours", "1", "¥22.22", "0", "¥0.00");
        assertThat(totals(page, 2)).containsExactly("bill", "1", "¥22.22", "0", "¥0.00");
        assertThat(result(page)).contains("matched 1,").contains("discrepancies 0").doesNotContain(neverNotified);
        assertThat(downloadedCsv(page).lines().toList()).containsExactly(CSV_HEADER);
    }

    private void signIn(WebDriver page) {
        page.get(run.settings().baseUrl(run.settings().ports().fulfillment()) + "/console");
        page.findElement(By.id("password")).sendKeys(run.settings().adminPassword());
        page.findElement(By.id("signin-button")).click();
        chromium.waitUntil(d -> d.findElement(By.id("rc-run")).isDisplayed(), Duration.ofSeconds(15));
    }

    /** What a new user does: picks the platform, presses Today, then Reconcile. */
    private void reconcileToday(WebDriver page, String channel) {
        new Select(page.findElement(By.id("rc-channel"))).selectByValue(channel);
        page.findElement(By.id("rc-today")).click();
        assertThat(page.findElement(By.id("rc-day")).getDomProperty("value")).isEqualTo(LocalDate.now(BEIJING).toString());
        page.findElement(By.id("rc-run")).click();
    }

    private static String result(WebDriver page) {
        return page.findElement(By.id("rc-result")).getText();
    }

    /** A row of the totals table (1: ours, 2: the bill), cell by cell. */
    private static List<String> totals(WebDriver page, int row) {
        WebElement table = page.findElement(By.id("rc-result")).findElements(By.tagName("table")).getFirst();
        return table.findElements(By.tagName("tr")).get(row).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static List<String> discrepancyRows(WebDriver page) {
        List<WebElement> tables = page.findElement(By.id("rc-result")).findElements(By.tagName("table"));
        return tables.getLast().findElements(By.tagName("tr")).stream().skip(1)
                .map(tr -> String.join(" ", tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())).toList();
    }

    /**
     * Clicks the console's download link and answers the file it hands the browser: the link
     * fetches the CSV with the admin's credentials and saves it through a blob URL, whose blob
     * is read here as it is created.
     */
    private static String downloadedCsv(WebDriver page) {
        Object text = ((JavascriptExecutor) page).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var original = URL.createObjectURL;
                URL.createObjectURL = function (blob) {
                  URL.createObjectURL = original;
                  blob.text().then(done);
                  return original.call(URL, blob);
                };
                document.getElementById('rc-csv').click();
                """);
        return String.valueOf(text);
    }

    private String status(String orderNo) {
        return shop.browser.get(run.settings().baseUrl(run.settings().ports().order()) + "/api/v1/orders/" + orderNo,
                "Authorization", "Bearer " + run.settings().demoApiKey()).json().get("status").asString();
    }
}
