package crm.bulkimport.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bound on one load, {@code IMPORTER_MAX_PURCHASES_PER_IMPORT}.
 *
 * @param maxPurchasesPerImport most purchases one file may have; unset: what the heap allows
 */
@ConfigurationProperties("importer")
public record LedgerProperties(Integer maxPurchasesPerImport) {}
