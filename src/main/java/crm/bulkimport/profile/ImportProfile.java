package crm.bulkimport.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How to read one kind of file: which of its headers feeds which field, how its users and SKUs are
 * found, and how its dates and numbers are written. Built only by {@link ProfileRules}, which
 * checks every part, so that an instance is always usable.
 *
 * @param columns the file's headers per field, as the profile writes them; {@code transaction_date}
 *     may have two, a date and a time
 * @param thousandsSeparator null when amounts have none
 * @param phoneRegion the region (e.g. {@code US}) of phone numbers written without a country code
 */
public record ImportProfile(
    String name,
    Map<Field, List<String>> columns,
    KeyKind userKey,
    KeyKind skuKey,
    String dateFormat,
    String timeZone,
    char decimalSeparator,
    Character thousandsSeparator,
    boolean currency,
    int amountDecimals,
    Rounding rounding,
    String phoneRegion,
    boolean purchaseFieldsOnFirstRow) {

  /** The date format of the contract's own files. */
  public static final String ISO = "iso";

  public ImportProfile {
    columns = Collections.unmodifiableMap(new EnumMap<>(columns));
  }

  /** Whether the file has a column for the field. */
  public boolean maps(Field field) {
    return columns.containsKey(field);
  }

  /** The file's (first) header for the field, or null when it has none. */
  public String header(Field field) {
    List<String> headers = columns.get(field);
    return headers == null ? null : headers.get(0);
  }

  /** The contract's own columns, read as the contract says: the profile of a file without one. */
  public static ImportProfile contract() {
    return Presets.CONTRACT;
  }

  /**
   * Whether this is the contract's own format, which errors and warnings word as they always did.
   */
  public boolean isContract() {
    return this.equals(Presets.CONTRACT);
  }
}
