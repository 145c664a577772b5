package crm.bulkimport.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bound on one load, {@code IMPORTER_MAX_PURCHASES_PER_IMPORT}.
 *
 * @param maxPurchasesPerImport most purchases one file may have; unset: no limit (memory does not
 *     grow with them)
 */
@ConfigurationProperties("importer")
public record LedgerProperties(Integer maxPurchasesPerImport) {}
