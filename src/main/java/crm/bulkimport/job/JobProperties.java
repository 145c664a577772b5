package crm.bulkimport.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the durable jobs run, bound from {@code importer.*} / {@code IMPORTER_*}; how many at once is
 * {@link crm.bulkimport.config.ConcurrencyProperties}.
 *
 * @param pollInterval how often this instance looks for due jobs
 * @param heartbeatInterval how often a running job proves it is alive
 * @param maxAttempts attempts before a job that keeps failing is given up
 * @param jobTimeout how long one import may run before it is stopped, rolled back and failed
 */
@ConfigurationProperties("importer")
public record JobProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("5s") Duration heartbeatInterval,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("30m") Duration jobTimeout) {}
