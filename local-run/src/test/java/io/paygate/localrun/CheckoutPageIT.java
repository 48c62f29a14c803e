package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.devstack.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The demo checkout as a new user clicks through it, in real headless Chromium against the
 * whole local run: products, coupon, the Alipay sandbox cashier, the order turning PAID live,
 * the order list that pays an unpaid order again. A failed test leaves a screenshot in
 * {@code target/screenshots}.
 */
class CheckoutPageIT {

    private static LocalRun run;
    private Chromium chromium;

    @RegisterExtension
    final Chromium.ScreenshotOnFailure screenshots = new Chromium.ScreenshotOnFailure(() -> chromium);

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), Map.of()));
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

    private String shop(String path) {
        return run.settings().baseUrl(run.settings().ports().web()) + path;
    }

    @Test
    void aBuyerPicksProductsPaysOnTheAlipayCashierAndWatchesTheOrderTurnPaid() {
        WebDriver page = chromium.driver();
        page.get(shop("/"));
        assertThat(page.findElement(By.id("products")).getText()).contains("Annual plan").contains("88.88");

        page.findElement(By.id("qty-MUG")).clear();
        page.findElement(By.id("qty-MUG")).sendKeys("2");
        new Select(page.findElement(By.id("pay-with"))).selectByValue("ALIPAY_PC");
        page.findElement(By.id("email")).clear();
        page.findElement(By.id("email")).sendKeys("checkout@example.com");
        page.findElement(By.id("buy")).click();

        // Alipay's auto-submitting form has taken the browser to the sandbox cashier
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/alipay/") && !d.findElements(By.id("pay")).isEmpty(), Duration.ofSeconds(20));
        assertThat(page.getPageSource()).contains("78.00");
        page.findElement(By.id("pay")).click();

        // back through notify-ingress's verified return to the shop's result page, which follows the order live
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/result?orderNo="), Duration.ofSeconds(20));
        chromium.waitUntil(d -> "PAID".equals(d.findElement(By.id("status")).getText()), Duration.ofSeconds(30));
        assertThat(page.findElement(By.id("trade")).getText()).contains("ALIPAY");

        page.get(shop("/mail"));
        chromium.waitUntil(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("mails")).getText().contains("checkout@example.com");
        }, Duration.ofSeconds(20));
    }

    @Test
    void aCouponThatCoversEverythingPaysTheOrderWithoutAnyPlatform() {
        WebDriver page = chromium.driver();
        page.get(shop("/"));
        page.findElement(By.id("qty-STICKER")).clear();
        page.findElement(By.id("qty-STICKER")).sendKeys("3");
        page.findElement(By.id("coupon")).sendKeys(DemoWeb.DEMO_COUPON_PREFIX + "7");
        page.findElement(By.id("buy")).click();

        chromium.waitUntil(d -> d.getCurrentUrl().contains("/result?orderNo="), Duration.ofSeconds(20));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("PAID");
        assertThat(page.getCurrentUrl()).doesNotContain("alipay");
    }

    @Test
    void anUnpaidOrderIsPaidAgainFromTheOrderList() {
        WebDriver page = chromium.driver();
        page.get(shop("/"));
        page.findElement(By.id("qty-ANNUAL")).clear();
        page.findElement(By.id("qty-ANNUAL")).sendKeys("1");
        page.findElement(By.id("email")).clear();
        page.findElement(By.id("email")).sendKeys("repay@example.com");
        page.findElement(By.id("buy")).click();
        // the buyer leaves the cashier without paying
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/alipay/") && !d.findElements(By.id("pay")).isEmpty(), Duration.ofSeconds(20));

        page.get(shop("/orders?email=repay@example.com"));
        var unpaid = page.findElement(By.cssSelector("#orders tr[id^='order-']"));
        assertThat(unpaid.findElement(By.className("status")).getText()).isEqualTo("PENDING_PAYMENT");
        String orderNo = unpaid.getAttribute("id").substring("order-".length());
        unpaid.findElement(By.className("repay")).click();

        chromium.waitUntil(d -> d.getCurrentUrl().contains("/alipay/") && !d.findElements(By.id("pay")).isEmpty(), Duration.ofSeconds(20));
        assertThat(page.getPageSource()).contains(orderNo);
        page.findElement(By.id("pay")).click();
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/result?orderNo=" + orderNo), Duration.ofSeconds(20));
        chromium.waitUntil(d -> "PAID".equals(d.findElement(By.id("status")).getText()), Duration.ofSeconds(30));
    }

    @Test
    void aBuyerPaysByWechatNativeTheQrCodeOnThePageAndWatchesTheOrderTurnPaidLive() {
        WebDriver page = chromium.driver();
        page.get(shop("/"));
        page.findElement(By.id("qty-ANNUAL")).clear();
        page.findElement(By.id("qty-ANNUAL")).sendKeys("1");
        new Select(page.findElement(By.id("pay-with"))).selectByValue("WECHAT_NATIVE");
        page.findElement(By.id("buy")).click();

        // the shop shows the QR code itself (a real image, loaded) and follows the order
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/wechat?orderNo="), Duration.ofSeconds(20));
        chromium.waitUntil(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.getElementById('qr').naturalWidth")).intValue() > 0, Duration.ofSeconds(10));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("PENDING_PAYMENT");
        String shopTab = page.getWindowHandle();
        String scanPage = page.findElement(By.id("scan")).getAttribute("href");

        // the buyer "scans": the sandbox's scan page, in another tab, and presses Pay
        page.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        page.get(scanPage);
        page.findElement(By.id("pay")).click();
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/scan/pay"), Duration.ofSeconds(20));
        page.close();
        page.switchTo().window(shopTab);

        chromium.waitUntil(d -> "PAID".equals(d.findElement(By.id("status")).getText()), Duration.ofSeconds(30));
        assertThat(page.findElement(By.id("trade")).getText()).contains("WECHAT");
    }
}
