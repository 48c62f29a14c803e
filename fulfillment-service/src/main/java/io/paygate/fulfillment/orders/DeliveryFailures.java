package io.paygate.fulfillment.orders;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

/**
 * This service's additions to the shared error handler of its listeners. Listeners only write
 * to the database (mails and robot messages are sent by the delivery worker), so what fails
 * here is an unreadable record or the database being away. Every failed attempt and every dead
 * letter is logged with its order number: the retries are otherwise silent.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryFailures implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    DeliveryFailures(DefaultErrorHandler errorHandler) {
        errorHandler.setRetryListeners(this);
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        log.atWarn().addKeyValue("orderNo", record.key()).addKeyValue("attempt", deliveryAttempt)
                .addKeyValue("topic", record.topic()).addKeyValue("offset", record.offset())
                .log("order {} record failed on attempt {}: {}", record.key(), deliveryAttempt, reason(failure));
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        log.atError().addKeyValue("orderNo", record.key()).addKeyValue("topic", record.topic())
                .addKeyValue("offset", record.offset())
                .log("order {} record dead-lettered: {}", record.key(), reason(failure));
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.atError().addKeyValue("orderNo", record.key()).addKeyValue("topic", record.topic())
                .addKeyValue("offset", record.offset())
                .log("order {} record could not be dead-lettered and will be retried: {}", record.key(), reason(failure));
    }

    /** The innermost cause names the real problem; the listener wraps it several times. */
    private static String reason(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
