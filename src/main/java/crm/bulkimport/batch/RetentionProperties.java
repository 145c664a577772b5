package crm.bulkimport.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished batches are kept, {@code IMPORTER_RETENTION_DAYS}.
 *
 * @param retentionDays finished batches older than this are deleted with their files and errors
 */
@ConfigurationProperties("importer")
record RetentionProperties(@DefaultValue("30") int retentionDays) {}
