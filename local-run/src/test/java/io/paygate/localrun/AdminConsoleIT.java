package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.Stack;
import io.paygate.localrun.Browser.Page;
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
import tools.jackson.databind.JsonNode;

/**
 * The admin console in real headless Chromium against the whole local run: nothing without
 * signing in; a paid order appears on the live feed; an order paid after its deadline is
 * refunded from the review queue and becomes REFUNDED; an order's story is found by number.
 */
class AdminConsoleIT {

    private static LocalRun run;
    private final Browser http = new Browser();
    private Chromium chromium;

    @RegisterExtension
    final Chromium.ScreenshotOnFailure screenshots = new Chromium.ScreenshotOnFailure(() -> chromium);

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5)), Map.of()));
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

    private String console() {
        return url(run.settings().ports().fulfillment(), "/console");
    }

    private void signIn(WebDriver page, String password) {
        page.get(console());
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("signin-button")).click();
    }

    @Test
    void nothingIsShownWithoutTheAdminCredentials() {
        WebDriver page = chromium.driver();
        signIn(page, "not-the-password");

        chromium.waitUntil(d -> !d.findElement(By.id("signin-error")).getText().isEmpty(), Duration.ofSeconds(10));
        assertThat(page.findElement(By.id("signin-error")).getText()).contains("Wrong user or password");
        assertThat(page.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(http.get(url(run.settings().ports().fulfillment(), "/admin/v1/order-service/review")).status()).isEqualTo(401);
        // the console's own requests get no challenge, so no browser login dialog gets in its way
        assertThat(http.headers(url(run.settings().ports().fulfillment(), "/admin/v1/messages"), "X-Requested-With", "XMLHttpRequest"))
                .doesNotContainKey("www-authenticate");
        assertThat(http.headers(url(run.settings().ports().fulfillment(), "/admin/v1/messages"))).containsKey("www-authenticate");
    }

    @Test
    void aPaidOrderAppearsOnTheLiveFeed() {
        WebDriver page = chromium.driver();
        signIn(page, run.settings().adminPassword());
        chromium.waitUntil(d -> d.findElement(By.id("feed-state")).getText().contains("live"), Duration.ofSeconds(15));

        String orderNo = createOrder(2345, "console-feed@example.com");
        http.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo));
        http.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());

        chromium.waitUntil(d -> d.findElement(By.id("feed")).getText().contains(orderNo), Duration.ofSeconds(30));
        assertThat(page.findElement(By.id("feed")).findElements(By.tagName("li")).getFirst().getText()).contains(orderNo);
    }

    @Test
    void anOrderPaidAfterItsDeadlineIsRefundedFromTheReviewQueue() {
        String orderNo = createOrder(3300, "console-late@example.com");
        http.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo));
        // the buyer pays while the broker is away, so the notification cannot land before the cancel
        run.kafka().stop();
        try {
            http.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
            assertThat(http.postJson(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo + "/cancel"), Map.of(),
                    "Authorization", "Bearer " + run.settings().demoApiKey()).status()).isEqualTo(200);
        } finally {
            run.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "PAID_AFTER_TIMEOUT".equals(status(orderNo)));

        WebDriver page = chromium.driver();
        signIn(page, run.settings().adminPassword());
        chromium.waitUntil(d -> !d.findElements(By.id("review-" + orderNo)).isEmpty(), Duration.ofSeconds(15));
        page.findElement(By.id("review-" + orderNo)).findElement(By.className("refund")).click();

        chromium.waitUntil(d -> d.findElement(By.id("outcome")).getText().contains("Refund of " + orderNo), Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(60)).until(() -> "REFUNDED".equals(status(orderNo)));

        // the order's story, found by its number
        page.findElement(By.id("query")).sendKeys(orderNo);
        page.findElement(By.id("search-button")).click();
        chromium.waitUntil(d -> "REFUNDED".equals(d.findElement(By.id("order-status")).getText()), Duration.ofSeconds(15));
        assertThat(page.findElement(By.id("detail")).getText()).contains("OrderPaidAfterTimeout").contains("OrderRefunded");
        chromium.waitUntil(d -> d.findElements(By.id("review-" + orderNo)).isEmpty(), Duration.ofSeconds(15));
    }

    private String createOrder(long amountFen, String email) {
        Page created = http.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "console test", "customerEmail", email, "amountFen", amountFen),
                "Authorization", "Bearer " + run.settings().demoApiKey());
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("orderNo").asString();
    }

    private String pay(String orderNo) {
        Page payment = http.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", "ALIPAY", "scene", "PC"), "Authorization", "Bearer " + run.settings().demoApiKey());
        assertThat(payment.status()).isEqualTo(201);
        return payment.json().get("credential").get("formHtml").asString();
    }

    private String status(String orderNo) {
        JsonNode order = http.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo),
                "Authorization", "Bearer " + run.settings().demoApiKey()).json();
        return order.get("status").asString();
    }

    private String sandbox(String path) {
        return url(run.settings().ports().sandbox(), path);
    }

    private String url(int port, String path) {
        return run.settings().baseUrl(port) + path;
    }
}
