package crm.bulkimport.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many imports this instance runs at once ({@code IMPORTER_JOB_THREADS}). Here rather than with
 * the job, because the connection pool and each import's share of the heap follow from it too.
 */
@ConfigurationProperties("importer")
public record ConcurrencyProperties(@DefaultValue("2") int jobThreads) {}
