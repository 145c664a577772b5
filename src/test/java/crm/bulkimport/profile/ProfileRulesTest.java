package crm.bulkimport.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class ProfileRulesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<KeyKind> ALL = EnumSet.allOf(KeyKind.class);

  private static final String COLUMNS =
      "\"columns\": {\"transaction_number\": \"Order\", \"transaction_date\": \"Date\","
          + " \"user\": \"Email\", \"sku\": \"SKU\", \"quantity\": \"Qty\", \"unit_price\": \"Price\"}";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(String json) {
    return JSON.readValue(json, Map.class);
  }

  @Test
  void a_body_reads_as_a_profile_with_the_defaults_the_contract_gives() {
    ImportProfile profile =
        ProfileRules.parse(body("{\"name\": \" Shop \", " + COLUMNS + "}"), ALL);

    assertThat(profile.name()).isEqualTo("Shop");
    assertThat(profile.header(Field.USER)).isEqualTo("Email");
    assertThat(profile.userKey()).isEqualTo(KeyKind.ID);
    assertThat(profile.dateFormat()).isEqualTo("iso");
    assertThat(profile.timeZone()).isEqualTo("UTC");
    assertThat(profile.decimalSeparator()).isEqualTo('.');
    assertThat(profile.thousandsSeparator()).isNull();
    assertThat(profile.amountDecimals()).isEqualTo(2);
    assertThat(profile.rounding()).isEqualTo(Rounding.REJECT);
    assertThat(profile.maps(Field.FINAL_AMOUNT)).isFalse();
  }

  @Test
  void a_profile_written_as_a_body_reads_back_the_same() {
    ImportProfile shopify = Presets.named("shopify_orders").orElseThrow();
    assertThat(ProfileJson.read(ProfileJson.write(shopify))).isEqualTo(shopify);
    ImportProfile square = Presets.named("square_items").orElseThrow();
    assertThat(ProfileRules.parse(ProfileRules.toBody(square), ALL)).isEqualTo(square);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unknown_setting | {\"name\": \"x\", \"colums\": {}} | A profile has no setting 'colums'."
            + " Settings: amount_decimals, columns, currency, date_format, decimal_separator, name,"
            + " phone_region, purchase_fields_on_first_row, rounding, sku_key, thousands_separator,"
            + " time_zone, user_key.",
        "missing_name | {\"name\": \" \"} | A profile needs a name, e.g. \"Shop export\".",
        "empty_columns | {\"name\": \"x\", \"columns\": {}} | columns is empty; say which header of"
            + " the file feeds each field. Fields: transaction_number, transaction_date, user,"
            + " final_amount, sku, quantity, unit_price, line_total.",
        "unknown_field | {\"name\": \"x\", \"columns\": {\"customer\": \"Email\"}} | columns names"
            + " the field 'customer', which does not exist. Fields: transaction_number,"
            + " transaction_date, user, final_amount, sku, quantity, unit_price, line_total.",
        "missing_field | {\"name\": \"x\", \"columns\": {\"transaction_number\": \"Order\"}} |"
            + " columns has no header for transaction_date, user, sku, quantity; every profile"
            + " needs transaction_number, transaction_date, user, sku and quantity.",
        "invalid_column | {\"name\": \"x\", \"columns\": {\"transaction_number\": \"Order\","
            + " \"user\": \"order\"}} | The header 'order' feeds both transaction_number and user;"
            + " a column can feed one field only.",
        "invalid_column | {\"name\": \"x\", \"columns\": {\"transaction_date\": [\"a\", \"b\","
            + " \"c\"]}} | transaction_date takes one header, or two (a date and a time), not 3.",
        "invalid_column | {\"name\": \"x\", \"columns\": {\"quantity\": 5}} | quantity must name"
            + " one header of the file as text, not 5.",
      })
  void a_body_that_is_wrong_is_refused_with_a_code_and_what_to_do(
      String code, String json, String message) {
    assertThatThrownBy(() -> ProfileRules.parse(body(json), ALL))
        .isInstanceOf(ProfileProblem.class)
        .hasMessage(message)
        .extracting(e -> ((ProfileProblem) e).code())
        .isEqualTo(code);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "invalid_time_zone | \"time_zone\": \"Mars/Olympus\" | time_zone 'Mars/Olympus' is not a"
            + " time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC.",
        "invalid_setting | \"decimal_separator\": \";\" | decimal_separator must be \".\" or"
            + " \",\", not ';'.",
        "invalid_setting | \"thousands_separator\": \"_\" | thousands_separator must be null,"
            + " \",\", \".\", \" \" or \"'\", not '_'.",
        "invalid_setting | \"decimal_separator\": \",\", \"thousands_separator\": \",\" |"
            + " decimal_separator and thousands_separator are both ','; a number could not be"
            + " read.",
        "invalid_setting | \"amount_decimals\": 9 | amount_decimals must be from 0 to 6, not 9",
        "invalid_setting | \"rounding\": \"up\" | rounding must be reject, half_up or half_even,"
            + " not 'up'.",
        "invalid_setting | \"phone_region\": \"XX\" | phone_region 'XX' is not a region with"
            + " phone numbers; use a two-letter country code such as US, GB or DE.",
        "invalid_setting | \"currency\": \"yes\" | currency must be true or false, not yes.",
        "unknown_key | \"user_key\": \"loyalty_card\" | user_key 'loyalty_card' is not a key; users"
            + " are found by id, external_id, email or phone.",
        "unknown_key | \"sku_key\": \"email\" | sku_key 'email' is not a key; SKUs by id or code.",
      })
  void a_setting_that_is_wrong_is_refused_naming_it(String code, String setting, String message) {
    String json = "{\"name\": \"x\", " + COLUMNS + ", " + setting + "}";
    assertThatThrownBy(() -> ProfileRules.parse(body(json), ALL))
        .isInstanceOf(ProfileProblem.class)
        .hasMessage(message)
        .extracting(e -> ((ProfileProblem) e).code())
        .isEqualTo(code);
  }

  @Test
  void a_key_the_crm_has_no_column_for_is_unavailable() {
    String json = "{\"name\": \"x\", " + COLUMNS + ", \"user_key\": \"phone\"}";
    assertThatThrownBy(() -> ProfileRules.parse(body(json), EnumSet.of(KeyKind.ID, KeyKind.EMAIL)))
        .isInstanceOf(ProfileProblem.class)
        .hasMessage(
            "user_key 'phone' is not available: the CRM's users table has no column for it"
                + " (IMPORTER_USER_KEYS).");
  }

  @Test
  void key_settings_name_columns_of_the_crm() {
    assertThat(CrmKeys.parse("external_id, email=contact_email,phone", true))
        .containsEntry(KeyKind.ID, "id")
        .containsEntry(KeyKind.EXTERNAL_ID, "external_id")
        .containsEntry(KeyKind.EMAIL, "contact_email")
        .containsEntry(KeyKind.PHONE, "phone");
    assertThatThrownBy(() -> CrmKeys.parse("email=contact email", true))
        .hasMessage("'contact email' is not a column name (letters, digits and _ only).");
    assertThatThrownBy(() -> CrmKeys.parse("code", true))
        .hasMessage(
            "IMPORTER_USER_KEYS: 'code' is not a key; use external_id, email or phone, optionally"
                + " as key=column.");
  }
}
