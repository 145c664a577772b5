package crm.bulkimport.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's key, {@code IMPORTER_ADMIN_KEY}.
 *
 * @param adminKey the operator's API key; generated at start when blank
 */
@ConfigurationProperties("importer")
record AdminKeyProperties(String adminKey) {}
