package crm.bulkimport.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks and emails are delivered, bound from {@code importer.*} / {@code IMPORTER_*}.
 *
 * @param webhookAllowPrivate lets webhooks go to loopback, link-local and private addresses (for
 *     tests and closed networks); off, such URLs are refused
 * @param webhookRetryDelay the wait after a webhook's first failed attempt, doubled after each
 *     further failure up to an hour
 * @param webhookGiveUpAfter how long after a batch finishes its webhook is retried before it is
 *     given up
 * @param webhookTimeout how long one webhook attempt may take to connect and to be answered
 * @param mailFrom the sender of completion emails (SMTP itself is Spring's {@code spring.mail.*})
 * @param notificationThreads webhook and email jobs run at once by this instance, on threads of
 *     their own so that a slow endpoint never holds up an import
 * @param deliverNotifications whether this instance runs the webhook and email jobs; the operator's
 *     command line turns it off, so that a short-lived process without the service's SMTP and
 *     webhook settings never takes them on
 */
@ConfigurationProperties("importer")
record NotificationProperties(
    @DefaultValue("false") boolean webhookAllowPrivate,
    @DefaultValue("30s") Duration webhookRetryDelay,
    @DefaultValue("24h") Duration webhookGiveUpAfter,
    @DefaultValue("10s") Duration webhookTimeout,
    @DefaultValue("crm-bulk-import@localhost") String mailFrom,
    @DefaultValue("2") int notificationThreads,
    @DefaultValue("true") boolean deliverNotifications) {}
