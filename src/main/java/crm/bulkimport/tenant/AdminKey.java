package crm.bulkimport.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The operator's key: {@code IMPORTER_ADMIN_KEY}, or one generated and logged once at start. */
@Component
public class AdminKey {

  private static final Logger log = LoggerFactory.getLogger(AdminKey.class);

  private final String key;

  AdminKey(AdminKeyProperties properties) {
    if (properties.adminKey() != null && !properties.adminKey().isBlank()) {
      this.key = properties.adminKey().strip();
    } else {
      this.key = KeyHashing.newKey("cbi_admin_");
      log.warn(
          "IMPORTER_ADMIN_KEY is not set; this run's admin key is {} (it is not stored; set"
              + " IMPORTER_ADMIN_KEY to keep one across restarts)",
          key);
    }
  }

  boolean matches(String given) {
    return KeyHashing.sameKey(given, key);
  }

  /** The key itself, for the demo's example command. */
  public String value() {
    return key;
  }
}
