package crm.bulkimport.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the database is set up, bound from {@code importer.*} / {@code IMPORTER_*}.
 *
 * @param createCrmTables whether migrations create the CRM's own tables (merchants, users, skus,
 *     ledgers); off for a database that already has them
 * @param embeddedDataDir keeps the embedded database between runs when set
 */
@ConfigurationProperties("importer")
public record DatabaseSetupProperties(
    @DefaultValue("true") boolean createCrmTables, String embeddedDataDir) {

  /** Whether an embedded database would be thrown away when the process ends. */
  public boolean keepsNoEmbeddedData() {
    return embeddedDataDir == null || embeddedDataDir.isBlank();
  }
}
