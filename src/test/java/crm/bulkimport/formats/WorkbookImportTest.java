package crm.bulkimport.formats;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import crm.bulkimport.support.Workbooks;
import crm.bulkimport.support.Workbooks.Formatted;
import crm.bulkimport.support.Workbooks.Formula;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Workbooks uploaded over HTTP, read through the one pipeline, with and without a profile. */
class WorkbookImportTest extends ServiceTest {

  private Api.Response upload(Tenant tenant, Map<String, String> extra, byte[] workbook) {
    Map<String, String> fields = new LinkedHashMap<>(extra);
    fields.put("merchant_id", tenant.merchantId().toString());
    return api().uploadForm(ADMIN_KEY, fields, "orders.xlsx", workbook);
  }

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void a_workbook_in_the_contract_s_columns_is_imported_with_its_dates_numbers_and_formulas() {
    Tenant tenant = newTenant();
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row((Object[]) Csv.HEADER.split(",")));
    rows.add(
        row(
            "W-1",
            LocalDateTime.of(2024, 1, 15, 10, 30),
            tenant.users().get(0).toString(),
            new Formula("H2+H3"),
            tenant.skus().get(0).toString(),
            2,
            new BigDecimal("1.25"),
            new Formula("F2*G2")));
    rows.add(
        row(
            "W-1",
            LocalDateTime.of(2024, 1, 15, 10, 30),
            tenant.users().get(0).toString(),
            new Formula("H2+H3"),
            tenant.skus().get(1).toString(),
            1,
            new BigDecimal("0.5"),
            new Formula("F3*G3")));
    rows.add(null);
    rows.add(row(new Formatted("", "0.00")));

    Api.Response response = upload(tenant, Map.of(), Workbooks.of(rows));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("purchases_count").asInt()).isEqualTo(1);
    assertThat(done.get("items_count").asInt()).isEqualTo(2);
    Map<String, Object> purchase =
        jdbc.queryForMap(
            "select transaction_date, final_amount from purchase_ledger where merchant_id = ?",
            tenant.merchantId());
    assertThat(((Timestamp) purchase.get("transaction_date")).toInstant())
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat((BigDecimal) purchase.get("final_amount")).isEqualByComparingTo("3.00");
  }

  @Test
  void a_workbook_written_by_poi_s_streaming_writer_with_its_defaults_is_imported() {
    Tenant tenant = newTenant();
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row((Object[]) Csv.HEADER.split(",")));
    for (int p = 1; p <= 300; p++) {
      rows.add(
          row(
              "S-" + p,
              LocalDateTime.of(2024, 2, 1, 9, 0).plusMinutes(p),
              tenant.users().get(p % tenant.users().size()).toString(),
              new BigDecimal("2.50"),
              tenant.skus().get(p % tenant.skus().size()).toString(),
              2,
              new BigDecimal("1.25"),
              new BigDecimal("2.50")));
    }
    byte[] workbook = Workbooks.streamed(Map.of("Export", rows));
    // The layout that tripped Java 17's ZipInputStream: sizes in a data descriptor after each
    // entry (general purpose flag bit 3), which SXSSF writes in their Zip64 form.
    assertThat(workbook[6] & 0x08).as("data descriptor flag of the first entry").isEqualTo(0x08);

    // Naming the sheet has the upload's check find it in the zip's workbook part.
    Api.Response response = upload(tenant, Map.of("sheet", "Export"), workbook);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("sheet").asString()).isEqualTo("Export");
    assertThat(done.get("purchases_count").asInt()).isEqualTo(300);
    Map<String, Object> totals =
        jdbc.queryForMap(
            "select sum(final_amount) as amount, max(transaction_date) as latest"
                + " from purchase_ledger where merchant_id = ?",
            tenant.merchantId());
    assertThat((BigDecimal) totals.get("amount")).isEqualByComparingTo("750.00");
    assertThat(((Timestamp) totals.get("latest")).toInstant())
        .isEqualTo(Instant.parse("2024-02-01T14:00:00Z"));
  }

  @Test
  void the_rows_a_partial_import_of_a_workbook_leaves_out_import_again_with_the_same_profile()
      throws Exception {
    Tenant tenant = newTenant();
    String user = tenant.users().get(0).toString();
    String stranger = UUID.randomUUID().toString();
    Api.Response saved =
        api()
            .postJson(
                ADMIN_KEY,
                "/api/import/profiles",
                """
                {"merchant_id": "%s", "name": "Kasse", "columns": {"transaction_number": "Beleg",
                 "transaction_date": "Datum", "user": "Kunde", "final_amount": "Summe",
                 "sku": "Artikel", "quantity": "Menge", "unit_price": "Preis"},
                 "date_format": "dd.MM.yyyy HH:mm", "time_zone": "Europe/Berlin",
                 "decimal_separator": ",", "thousands_separator": "."}"""
                    .formatted(tenant.merchantId()));
    assertThat(saved.status()).as(saved.raw().body()).isEqualTo(201);
    String profile = saved.text("profile_id");
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("Beleg", "Datum", "Kunde", "Summe", "Artikel", "Menge", "Preis"));
    rows.add(
        row(
            "B-1",
            LocalDateTime.of(2024, 1, 15, 10, 30),
            user,
            new BigDecimal("3.75"),
            tenant.skus().get(0).toString(),
            new BigDecimal("1.5"),
            new BigDecimal("2.5")));
    // A product the merchant does not have: the purchase is left out.
    rows.add(
        row(
            "B-2",
            LocalDateTime.of(2024, 7, 16, 9, 0),
            user,
            new BigDecimal("24.5"),
            stranger,
            2,
            new BigDecimal("12.25")));

    Api.Response response =
        upload(tenant, Map.of("profile", profile, "partial", "true"), Workbooks.of(rows));
    assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("rejected_purchases").asInt()).isEqualTo(1);

    // The row left out, in the file's columns, its cells written as the profile reads text.
    String report =
        api()
            .get(ADMIN_KEY, "/api/import/status/" + response.text("batch_id") + "/errors.csv")
            .raw()
            .body();
    List<List<String>> lines = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(report)) {
      reader.forEach(record -> lines.add(record.getFields()));
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).subList(0, 8))
        .containsExactly("B-2", "16.07.2024 09:00", user, "24,5", stranger, "2", "12,25", "3");

    // Fixed and uploaded again as CSV with the same profile, it adds the purchase as it was meant.
    String fixed = report.replace(stranger, tenant.skus().get(1).toString());
    Api.Response again =
        api()
            .uploadForm(
                ADMIN_KEY,
                Map.of(
                    "merchant_id",
                    tenant.merchantId().toString(),
                    "profile",
                    profile,
                    "on_existing",
                    "skip"),
                "rejected-rows.csv",
                fixed.getBytes(StandardCharsets.UTF_8));
    assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
    JsonNode second = api().awaitFinished(ADMIN_KEY, again.text("batch_id")).json();
    assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("completed");
    assertThat(second.get("purchases_count").asInt()).isEqualTo(1);
    Map<String, Object> purchase =
        jdbc.queryForMap(
            "select transaction_date, final_amount from purchase_ledger"
                + " where merchant_id = ? and transaction_number = 'B-2'",
            tenant.merchantId());
    assertThat(((Timestamp) purchase.get("transaction_date")).toInstant())
        .isEqualTo(Instant.parse("2024-07-16T07:00:00Z"));
    assertThat((BigDecimal) purchase.get("final_amount")).isEqualByComparingTo("24.50");
  }

  @Test
  void a_profile_reads_the_workbook_s_date_cells_in_its_zone_and_its_text_in_its_formats() {
    Tenant tenant = newTenant();
    String profile =
        """
        {"merchant_id": "%s", "name": "Kasse",
         "columns": {"transaction_number": "Beleg", "transaction_date": "Datum", "user": "Kunde",
                     "sku": "Artikel", "quantity": "Menge", "line_total": "Betrag"},
         "date_format": "dd.MM.yyyy HH:mm", "time_zone": "Europe/Berlin",
         "decimal_separator": ",", "thousands_separator": "."}"""
            .formatted(tenant.merchantId());
    Api.Response created = api().postJson(ADMIN_KEY, "/api/import/profiles", profile);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    List<List<Object>> rows = new ArrayList<>();
    rows.add(row("Beleg", "Datum", "Kunde", "Artikel", "Menge", "Betrag"));
    // A date cell (ISO whatever the profile's date_format) and a number cell (exact, not
    // read with the profile's decimal comma) ...
    rows.add(
        row(
            "K-1",
            LocalDateTime.of(2024, 7, 1, 12, 0),
            tenant.users().get(0).toString(),
            tenant.skus().get(0).toString(),
            1,
            new BigDecimal("1234.5")));
    // ... and text cells, read with the profile's formats as a CSV file's would be.
    rows.add(
        row(
            "K-2",
            "01.07.2024 12:00",
            tenant.users().get(0).toString(),
            tenant.skus().get(0).toString(),
            "1",
            "1.234,50"));
    Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("Info", List.of(row("exported by the till")));
    sheets.put("Verkauf", rows);

    Api.Response response =
        upload(
            tenant,
            Map.of("profile", created.text("profile_id"), "sheet", "Verkauf"),
            Workbooks.of(sheets));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(202);
    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("sheet").asString()).isEqualTo("Verkauf");
    assertThat(
            jdbc.queryForList(
                "select transaction_date from purchase_ledger where merchant_id = ?"
                    + " order by transaction_number",
                Timestamp.class,
                tenant.merchantId()))
        .extracting(Timestamp::toInstant)
        .containsExactly(
            Instant.parse("2024-07-01T10:00:00Z"), Instant.parse("2024-07-01T10:00:00Z"));
    assertThat(
            jdbc.queryForList(
                "select final_amount from purchase_ledger where merchant_id = ?",
                BigDecimal.class,
                tenant.merchantId()))
        .allSatisfy(amount -> assertThat(amount).isEqualByComparingTo("1234.50"));
  }

  @Test
  void a_sheet_the_workbook_does_not_have_is_400_unknown_sheet_and_nothing_is_stored() {
    Tenant tenant = newTenant();
    byte[] workbook =
        Workbooks.of(Map.of("Orders", List.of(row((Object[]) Csv.HEADER.split(",")))));

    Api.Response response = upload(tenant, Map.of("sheet", "Sales"), workbook);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("unknown_sheet");
    assertThat(response.text("message"))
        .isEqualTo("The workbook has no sheet named 'Sales'. Its sheets: 'Orders'.");
    assertThat(tenant.batchCount(jdbc)).isZero();
  }

  @Test
  void errors_in_a_workbook_carry_the_sheet_s_row_numbers_and_the_row_s_values() {
    Tenant tenant = newTenant();
    String csv =
        tenant.csv(2, 1) + "\n\nB-1,2024-01-15,nobody,1.00," + tenant.skus().get(0) + ",1,1,1\n";
    Api.Response response = upload(tenant, Map.of(), Workbooks.ofCsv(csv));

    JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
    assertThat(done.get("status").asString()).isEqualTo("failed");
    JsonNode error = done.get("errors").get(0);
    assertThat(error.get("line").asInt()).isEqualTo(6);
    assertThat(error.get("code").asString()).isEqualTo("invalid_uuid");
    String report =
        api()
            .get(ADMIN_KEY, "/api/import/status/" + response.text("batch_id") + "/errors.csv")
            .raw()
            .body();
    assertThat(report).contains("B-1");
  }
}
