package crm.bulkimport.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the service, bound from {@code importer.*} properties or {@code IMPORTER_*}
 * environment variables. Defaults are documented in the README.
 *
 * @param adminKey the operator's API key; generated at start when blank
 * @param maxFileSize largest accepted upload
 * @param createCrmTables whether migrations create the CRM's own tables (merchants, users, skus,
 *     ledgers); off for a database that already has them
 * @param demoData whether to seed the demo merchant; defaults to on with the embedded database
 * @param jobThreads import jobs run at once by this instance
 * @param pollInterval how often this instance looks for due jobs
 * @param heartbeatInterval how often a running job proves it is alive
 * @param maxAttempts attempts before a job that keeps failing is given up
 * @param embeddedDataDir keeps the embedded database between runs when set
 * @param jobTimeout how long one import may run before it is stopped, rolled back and failed
 * @param retentionDays finished batches older than this are deleted with their files and errors
 * @param maxPurchasesPerImport most purchases one file may have; unset: what the heap allows
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
public record ImporterProperties(
    String adminKey,
    @DefaultValue("256MB") DataSize maxFileSize,
    @DefaultValue("true") boolean createCrmTables,
    Boolean demoData,
    @DefaultValue("2") int jobThreads,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("5") int maxAttempts,
    String embeddedDataDir,
    @DefaultValue("30m") Duration jobTimeout,
    @DefaultValue("30") int retentionDays,
    Integer maxPurchasesPerImport,
    @DefaultValue("false") boolean webhookAllowPrivate,
    @DefaultValue("30s") Duration webhookRetryDelay,
    @DefaultValue("24h") Duration webhookGiveUpAfter,
    @DefaultValue("10s") Duration webhookTimeout,
    @DefaultValue("crm-bulk-import@localhost") String mailFrom,
    @DefaultValue("2") int notificationThreads,
    @DefaultValue("true") boolean deliverNotifications) {}
