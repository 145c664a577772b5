package crm.bulkimport.preview;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.profile.Field;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.KeyKind;
import crm.bulkimport.profile.Presets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSuggesterTest {

  private final ProfileSuggester suggester =
      new ProfileSuggester(HeaderDictionary.standard(), EnumSet.allOf(KeyKind.class));

  private ProfileSuggester.Suggestion suggest(String header, String... rows) {
    return suggestWith(List.of(), header, rows);
  }

  private ProfileSuggester.Suggestion suggestWith(
      List<ProfileSuggester.Candidate> candidates, String header, String... rows) {
    return suggester.suggest(
        split(header), Arrays.stream(rows).map(ProfileSuggesterTest::split).toList(), candidates);
  }

  private static List<String> split(String line) {
    return List.of(line.split(";", -1));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> columns(ProfileSuggester.Suggestion suggestion) {
    return (Map<String, Object>) suggestion.body().get("columns");
  }

  @Test
  void an_english_web_shop_export_is_placed_by_its_names_and_values() {
    ProfileSuggester.Suggestion s =
        suggest(
            "Order Number;Order Date;Customer Email;Product SKU;Quantity;Item Price;Order Total;Notes",
            "1001;2024-03-05 10:15:00;ana@example.com;ESP-1KG;1;24.00;31.00;",
            "1001;2024-03-05 10:15:00;ana@example.com;OAT-1L;2;3.50;31.00;gift");

    assertThat(columns(s))
        .containsExactly(
            Map.entry("transaction_number", "Order Number"),
            Map.entry("transaction_date", "Order Date"),
            Map.entry("user", "Customer Email"),
            Map.entry("final_amount", "Order Total"),
            Map.entry("sku", "Product SKU"),
            Map.entry("quantity", "Quantity"),
            Map.entry("unit_price", "Item Price"));
    assertThat(s.body()).containsEntry("user_key", "email").containsEntry("sku_key", "code");
    assertThat(s.body())
        .containsEntry("date_format", "iso")
        .containsEntry("decimal_separator", ".");
    assertThat(s.unmapped()).isEmpty();
    assertThat(s.ambiguities()).isEmpty();
    assertThat(s.profile()).isNotNull();
    assertThat(s.profileId()).isNull();
  }

  @Test
  void a_german_till_export_gets_decimal_commas_and_day_first_dates() {
    ProfileSuggester.Suggestion s =
        suggest(
            "Belegnummer;Datum;Kundennummer;Artikelnummer;Menge;Einzelpreis;Gesamtbetrag",
            "B-1;15.01.2024 10:30;K-1;4711;1;1.024,00 €;1.031,00 €",
            "B-1;;;4712;2;3,50 €;",
            "B-2;16.01.2024 09:00;K-2;4711;1;24,00 €;24,00 €");

    assertThat(columns(s))
        .containsEntry("transaction_number", "Belegnummer")
        .containsEntry("transaction_date", "Datum")
        .containsEntry("user", "Kundennummer")
        .containsEntry("final_amount", "Gesamtbetrag")
        .containsEntry("sku", "Artikelnummer")
        .containsEntry("quantity", "Menge")
        .containsEntry("unit_price", "Einzelpreis");
    assertThat(s.body())
        .containsEntry("user_key", "external_id")
        .containsEntry("date_format", "dd.MM.yyyy HH:mm")
        .containsEntry("decimal_separator", ",")
        .containsEntry("thousands_separator", ".")
        .containsEntry("currency", true)
        .containsEntry("purchase_fields_on_first_row", true);
    assertThat(s.unmapped()).isEmpty();
  }

  @Test
  void a_spanish_export_with_dates_both_ways_asks_which_it_is() {
    ProfileSuggester.Suggestion s =
        suggest(
            "Número de pedido;Fecha;Correo electrónico;Código de producto;Cantidad;Precio unitario",
            "P-1;03/04/2024;ana@example.com;ESP-1KG;1;24,00",
            "P-2;05/06/2024;ben@example.com;ESP-1KG;1;24,00");

    assertThat(columns(s))
        .containsEntry("transaction_number", "Número de pedido")
        .containsEntry("transaction_date", "Fecha")
        .containsEntry("user", "Correo electrónico")
        .containsEntry("sku", "Código de producto")
        .containsEntry("quantity", "Cantidad")
        .containsEntry("unit_price", "Precio unitario");
    // Decimal commas hint at a locale that writes the day first.
    assertThat(s.body()).containsEntry("date_format", "dd/MM/yyyy");
    assertThat(s.ambiguities())
        .containsExactly(
            new FormatGuess.Ambiguity(
                "date_format",
                "Is 03/04/2024 the 3rd of April or the 4th of March? Every date in the sample"
                    + " reads both ways.",
                List.of("dd/MM/yyyy", "MM/dd/yyyy")));
  }

  @Test
  void a_french_export_with_a_day_above_twelve_is_not_ambiguous() {
    ProfileSuggester.Suggestion s =
        suggest(
            "Numéro de commande;Date de commande;Numéro client;Référence;Quantité;Prix unitaire",
            "C-1;03/04/2024;K-1;ESP-1KG;1;24,00",
            "C-2;25/04/2024;K-1;ESP-1KG;1;24,00");

    assertThat(s.body()).containsEntry("date_format", "dd/MM/yyyy");
    assertThat(s.ambiguities()).isEmpty();
    assertThat(columns(s)).containsEntry("user", "Numéro client");
  }

  @Test
  void an_amount_that_reads_two_ways_is_asked_about() {
    ProfileSuggester.Suggestion s =
        suggest(
            "order;date;email;sku;qty;price",
            "1;2024-03-05;a@example.com;X;1;1.234",
            "2;2024-03-05;a@example.com;X;1;2.500");

    // Read with a decimal point, 1.234 has three decimals: rounding is asked about too.
    assertThat(s.ambiguities())
        .extracting(FormatGuess.Ambiguity::field)
        .containsExactly("decimal_separator", "rounding");
    assertThat(s.ambiguities().get(0).options()).containsExactly(".", ",");
    assertThat(s.ambiguities().get(0).message())
        .isEqualTo(
            "Is 1.234 the number 1.234 or 1234? No amount in the sample tells; say which character"
                + " starts the decimals.");
  }

  @Test
  void more_decimals_than_two_suggest_rounding_and_say_so() {
    ProfileSuggester.Suggestion s =
        suggest("order;date;email;sku;qty;line total", "1;2024-03-05;a@example.com;X;3;10.0049");

    assertThat(s.body()).containsEntry("rounding", "half_even");
    assertThat(s.ambiguities())
        .extracting(FormatGuess.Ambiguity::field)
        .containsExactly("rounding");
  }

  @Test
  void uuids_in_unnamed_columns_are_our_ids_and_emails_find_customers() {
    ProfileSuggester.Suggestion s =
        suggest(
            "ref;when;buyer;product uuid;qty;price",
            "1;2024-03-05;a@example.com;3d9f4b85-6ea0-4c4c-8bb7-8f5a0e4d2c34;1;2.00");

    assertThat(columns(s)).containsEntry("user", "buyer").containsEntry("sku", "product uuid");
    assertThat(s.body()).containsEntry("user_key", "email").containsEntry("sku_key", "id");
  }

  @Test
  void a_file_whose_required_fields_cannot_be_placed_names_them() {
    ProfileSuggester.Suggestion s = suggest("Foo;Bar;Baz", "1;2;3");

    assertThat(s.unmapped())
        .containsExactly(
            "transaction_number",
            "transaction_date",
            "user",
            "sku",
            "quantity",
            "unit_price or line_total");
    assertThat(s.profile()).isNull();
  }

  @Test
  void a_saved_profile_whose_headers_the_file_has_is_suggested_over_a_guess() {
    ImportProfile saved = Presets.named("shopify_orders").orElseThrow();
    ProfileSuggester.Suggestion s =
        suggestWith(
            List.of(new ProfileSuggester.Candidate("8a7c0000-0000-4000-8000-000000000001", saved)),
            "Name;Email;Total;Created at;Lineitem quantity;Lineitem price;Lineitem sku;Vendor",
            "#1;a@example.com;1.00;2024-01-01 10:00:00 +0000;1;1.00;X;V");

    assertThat(s.profileId()).isEqualTo("8a7c0000-0000-4000-8000-000000000001");
    assertThat(s.profile()).isEqualTo(saved);
    assertThat(s.profile().header(Field.USER)).isEqualTo("Email");
  }

  @Test
  void a_square_file_is_told_the_zone_its_times_are_in() {
    ImportProfile square = Presets.named("square_items").orElseThrow();
    ProfileSuggester.Suggestion s =
        suggestWith(
            List.of(new ProfileSuggester.Candidate("square_items", square)),
            "Date;Time;Time Zone;Qty;SKU;Net Sales;Transaction ID;Customer Reference ID",
            "2024-02-15;08:12:44;Pacific Time (US & Canada);1.0;X;$24.00;T1;C-1");

    assertThat(s.profileId()).isEqualTo("square_items");
    assertThat(s.ambiguities())
        .extracting(FormatGuess.Ambiguity::field, FormatGuess.Ambiguity::options)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "time_zone", List.of("America/Los_Angeles", "UTC")));
  }

  @Test
  void date_and_time_in_two_columns_are_read_together() {
    ProfileSuggester.Suggestion s =
        suggest(
            "Receipt No;Date;Time;Customer ID;SKU;Qty;Unit Price",
            "R-1;2024-03-05;14:30:00;C-1;X;1;2.00");

    assertThat(columns(s)).containsEntry("transaction_date", List.of("Date", "Time"));
    // Joined, they are an ISO date-time.
    assertThat(s.body()).containsEntry("date_format", "iso");
  }
}
