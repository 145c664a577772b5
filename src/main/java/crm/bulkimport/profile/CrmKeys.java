package crm.bulkimport.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The keys by which files may name the CRM's users and SKUs, and the column of the CRM's table each
 * lives in ({@code IMPORTER_USER_KEYS=external_id,email=contact_email,phone}). A key whose column
 * the table lacks is unavailable, and a profile that uses it is refused.
 */
@Component
public class CrmKeys {

  /**
   * @param userKeys the user keys and their columns: {@code email} means the column {@code email},
   *     {@code email=contact_email} another
   * @param skuKeys the same for SKUs
   */
  @ConfigurationProperties("importer")
  public record Settings(
      @DefaultValue("external_id,email,phone") String userKeys,
      @DefaultValue("code") String skuKeys) {}

  private static final Logger log = LoggerFactory.getLogger(CrmKeys.class);

  private final Map<KeyKind, String> userColumns;
  private final Map<KeyKind, String> skuColumns;

  CrmKeys(Settings settings, JdbcTemplate jdbc) {
    this.userColumns = existing(jdbc, "users", parse(settings.userKeys(), true));
    this.skuColumns = existing(jdbc, "skus", parse(settings.skuKeys(), false));
  }

  /** Keys users can be found by. */
  public Set<KeyKind> userKeys() {
    return userColumns.keySet();
  }

  /** Keys SKUs can be found by. */
  public Set<KeyKind> skuKeys() {
    return skuColumns.keySet();
  }

  /** Every key either table has: what a profile may use. */
  public Set<KeyKind> available() {
    Set<KeyKind> all = EnumSet.noneOf(KeyKind.class);
    all.addAll(userColumns.keySet());
    all.addAll(skuColumns.keySet());
    return all;
  }

  /** The column of {@code users} that holds the key. */
  public String userColumn(KeyKind key) {
    return column(userColumns, key, "users");
  }

  /** The column of {@code skus} that holds the key. */
  public String skuColumn(KeyKind key) {
    return column(skuColumns, key, "skus");
  }

  /** Checks that the profile's keys are available here, which can change with the settings. */
  public void requireAvailable(ImportProfile profile) {
    // The same check a body gets when it is saved: the one message for either.
    ProfileRules.parse(ProfileRules.toBody(profile), available());
  }

  private static String column(Map<KeyKind, String> columns, KeyKind key, String table) {
    String column = columns.get(key);
    if (column == null) {
      throw new IllegalStateException(key.wireName() + " is not a key of " + table);
    }
    return column;
  }

  static Map<KeyKind, String> parse(String setting, boolean users) {
    Map<KeyKind, String> keys = new EnumMap<>(KeyKind.class);
    keys.put(KeyKind.ID, "id");
    for (String part : setting.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] nameAndColumn = part.split("=", 2);
      String name = nameAndColumn[0].strip().toLowerCase(Locale.ROOT);
      KeyKind kind =
          KeyKind.byWireName(name)
              .filter(k -> k != KeyKind.ID && (users ? k.findsUsers() : k.findsSkus()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          (users ? "IMPORTER_USER_KEYS" : "IMPORTER_SKU_KEYS")
                              + ": '"
                              + name
                              + "' is not a key; "
                              + (users ? "use external_id, email or phone" : "use code")
                              + ", optionally as key=column."));
      String column = nameAndColumn.length == 2 ? nameAndColumn[1].strip() : name;
      if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "'" + column + "' is not a column name (letters, digits and _ only).");
      }
      keys.put(kind, column);
    }
    return keys;
  }

  private static Map<KeyKind, String> existing(
      JdbcTemplate jdbc, String table, Map<KeyKind, String> wanted) {
    Set<String> columns =
        Set.copyOf(
            jdbc.queryForList(
                """
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ?
                """,
                String.class,
                table));
    Map<KeyKind, String> available = new EnumMap<>(KeyKind.class);
    wanted.forEach(
        (kind, column) -> {
          if (columns.contains(column)) {
            available.put(kind, column);
          } else {
            log.info(
                "The CRM's {} table has no column {}: files cannot name {} by {}",
                table,
                column,
                table,
                kind.wireName());
          }
        });
    return Collections.unmodifiableMap(available);
  }
}
