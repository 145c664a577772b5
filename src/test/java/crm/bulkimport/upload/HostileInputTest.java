package crm.bulkimport.upload;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.Csv;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import crm.bulkimport.support.Workbooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A corpus of hostile and odd files. Each gets a 4xx JSON answer or a batch outcome with a fitting
 * code; never a 5xx, never a partial write; and the service stays healthy throughout.
 */
class HostileInputTest extends ServiceTest {

  /**
   * One file and what must become of it: {@code http} the upload's status when it is refused, or
   * 202 and then the batch's {@code status} and its first error's {@code code} (null: none).
   */
  record Case(String name, Function<Tenant, byte[]> file, int http, String status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case refused(String name, Function<Tenant, byte[]> file, int http, String code) {
    return new Case(name, file, http, null, code);
  }

  static Case fails(String name, Function<Tenant, byte[]> file, String code) {
    return new Case(name, file, 202, "failed", code);
  }

  static Case imports(String name, Function<Tenant, byte[]> file) {
    return new Case(name, file, 202, "completed", null);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A file of the tenant's valid rows with one row replaced by {@code row}. */
  static Function<Tenant, byte[]> withRow(Function<Tenant, String> row) {
    return t -> utf8(t.csv(2, 1) + row.apply(t) + "\n");
  }

  static Function<Tenant, byte[]> withValue(String column, String value) {
    return t -> {
      String[] fields = Tenant.row("H-1", t.users().get(0), t.skus().get(0)).split(",");
      fields[List.of(Csv.HEADER.split(",")).indexOf(column)] = value;
      return utf8(t.csv(1, 1) + String.join(",", fields) + "\n");
    };
  }

  static Stream<Case> corpus() {
    return Stream.of(
        refused("empty file", t -> new byte[0], 415, "empty_file"),
        fails("header only", t -> utf8(Csv.HEADER + "\n"), "empty_file"),
        fails("header only, no newline", t -> utf8(Csv.HEADER), "empty_file"),
        fails("whitespace only", t -> utf8("   \n\n  \n"), "missing_column"),
        fails(
            "missing column",
            t -> utf8(t.csv(1, 1).replace("line_total", "total")),
            "missing_column"),
        fails(
            "duplicated column",
            t -> utf8(t.csv(1, 1).replaceFirst("\n", ",SKU_ID\n")),
            "duplicate_column"),
        fails("ragged row", withRow(t -> "R-1,2024-01-15"), "malformed_csv"),
        fails(
            "unterminated quote", t -> utf8(t.csv(2, 1) + "\"U-1,2024-01-15,x\n"), "malformed_csv"),
        fails(
            "15 MB field",
            t -> utf8(t.csv(1, 1) + "\"" + "x".repeat(15 << 20) + "\"\n"),
            "malformed_csv"),
        refused(
            "NUL bytes",
            t -> utf8(t.csv(2, 1).replace("T-1", "T\u00001")),
            415,
            "unsupported_file"),
        refused(
            "Latin-1 text",
            t ->
                (Csv.HEADER + "\nCaf\u00e9,2024-01-15,a,1,b,1,1,1\n")
                    .getBytes(StandardCharsets.ISO_8859_1),
            415,
            "invalid_encoding"),
        fails(
            "invalid UTF-8 after the first 64 KiB",
            HostileInputTest::lateLatin1,
            "invalid_encoding"),
        imports("gzip-compressed CSV", t -> gzip(utf8(t.csv(50, 1)))),
        refused("gzip bomb (64 MB of rows in a few KB)", t -> gzipBomb(), 413, "file_too_large"),
        refused(
            "gzip cut short",
            t -> Arrays.copyOf(gzip(randomText(200_000)), 50_000),
            415,
            "malformed_gzip"),
        refused("gzip of Latin-1 text", t -> gzip(latin1(t)), 415, "invalid_encoding"),
        refused("gzip of nothing", t -> gzip(new byte[0]), 415, "empty_file"),
        refused("old Excel .xls (OLE2)", t -> ole2(), 415, "unsupported_file"),
        refused(
            "password-protected .xlsx (an OLE2 EncryptedPackage)",
            t -> ole2(),
            415,
            "unsupported_file"),
        imports("workbook", t -> Workbooks.ofCsv(t.csv(3, 2))),
        fails(
            "workbook sheet with an XML entity (XXE)",
            t ->
                Workbooks.zip(
                    Workbooks.parts(
                        Workbooks.sheetXml(
                            "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY xxe SYSTEM"
                                + " \"file:///etc/passwd\">]>",
                            List.of(Csv.HEADER, "&xxe;")),
                        null)),
            "malformed_workbook"),
        refused(
            "workbook part with an XML entity (XXE)",
            t -> {
              Map<String, byte[]> parts =
                  Workbooks.parts(Workbooks.sheetXml("", List.of(Csv.HEADER)), null);
              parts.put(
                  "xl/workbook.xml",
                  Workbooks.utf8(
                      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM"
                          + " \"http://127.0.0.1:1/\">]><workbook xmlns=\""
                          + Workbooks.MAIN_NS
                          + "\"><sheets>&x;</sheets></workbook>"));
              return Workbooks.zip(parts);
            },
            415,
            "malformed_workbook"),
        fails(
            "shared strings with a billion laughs",
            t ->
                Workbooks.zip(
                    Workbooks.parts(
                        Workbooks.sheetXml("", List.of(Csv.HEADER)),
                        "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\">"
                            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                            + "<sst xmlns=\""
                            + Workbooks.MAIN_NS
                            + "\"><si><t>&c;</t></si></sst>")),
            "malformed_workbook"),
        refused(
            "zip bomb (64 MB of rows in a small workbook)",
            t -> workbookBomb(64 << 20),
            413,
            "file_too_large"),
        refused(
            "zip bomb under the size limit (1,000 times its size)",
            t -> workbookBomb(12 << 20),
            415,
            "malformed_workbook"),
        refused(
            "workbook part compressed with XZ (zip method 95)",
            t -> withFirstEntry(Workbooks.ofCsv(t.csv(3, 2)), 8, (short) 95),
            415,
            "malformed_workbook"),
        refused(
            "stored workbook part followed by a data descriptor",
            t ->
                withFirstEntry(
                    Workbooks.zipStored(
                        Workbooks.parts(Workbooks.sheetXml("", List.of(Csv.HEADER)), null)),
                    6,
                    (short) 0x08),
            415,
            "malformed_workbook"),
        fails(
            "workbook whose central directory gives its content types 200 MB",
            HostileInputTest::contentTypesOf200MbInTheDirectory,
            "malformed_workbook"),
        imports("workbook with a million shared strings", HostileInputTest::millionSharedStrings),
        fails(
            "workbook cell of 40,000 characters",
            t ->
                Workbooks.zip(
                    Workbooks.parts(
                        Workbooks.sheetXml("", List.of(Csv.HEADER, "x".repeat(40_000))), null)),
            "malformed_workbook"),
        refused(
            "zip that is not a workbook",
            t -> Workbooks.zip(Map.of("purchases.csv", utf8(t.csv(2, 1)))),
            415,
            "unsupported_file"),
        refused(
            "workbook cut short",
            t -> Arrays.copyOf(Workbooks.ofCsv(t.csv(50, 2)), 3000),
            415,
            "malformed_workbook"),
        refused("random bytes", t -> randomBytes(), 415, "unsupported_file"),
        imports("semicolon delimited", t -> utf8(t.csv(2, 2).replace(',', ';'))),
        imports("tab delimited", t -> utf8(t.csv(2, 2).replace(',', '\t'))),
        imports("CR-only line endings", t -> utf8(t.csv(3, 2).replace('\n', '\r'))),
        imports("blank lines everywhere", t -> utf8("\n" + t.csv(3, 1).replace("\n", "\n\n\n"))),
        fails("thousands separators", withValue("final_amount", "\"1,234.00\""), "invalid_number"),
        fails("NaN", withValue("unit_price", "NaN"), "invalid_number"),
        fails("Infinity", withValue("line_total", "Infinity"), "invalid_number"),
        fails("exponent", withValue("quantity", "1e2"), "invalid_number"),
        fails("three decimals", withValue("unit_price", "1.005"), "out_of_range"),
        fails("negative quantity", withValue("quantity", "-1"), "out_of_range"),
        fails("zero quantity", withValue("quantity", "0"), "out_of_range"),
        fails("impossible date", withValue("transaction_date", "2024-02-30"), "invalid_date"),
        fails("month 13", withValue("transaction_date", "2024-13-01T00:00:00Z"), "invalid_date"),
        fails(
            "over-long transaction number",
            withValue("transaction_number", "T".repeat(101)),
            "out_of_range"),
        fails("not a UUID", withValue("user_id", "42"), "invalid_uuid"),
        imports(
            "upper-case UUIDs",
            t ->
                utf8(
                    t.csv(2, 2).toUpperCase().replace("TRANSACTION_NUMBER", "transaction_number"))),
        imports(
            "SQL in a value",
            withValue("transaction_number", "\"x'); drop table purchase_ledger; --\"")),
        imports(
            "spreadsheet formula in a value",
            withValue("transaction_number", "\"=cmd|' /C calc'!A0\"")),
        imports("one purchase with 10,000 items", t -> utf8(oneBigPurchase(t))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void every_hostile_file_gets_a_clear_answer_and_nothing_is_half_written(Case c) {
    Tenant tenant = newTenant();
    Api.Response response =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of(
                    "merchant_id", tenant.merchantId().toString(), "allow_duplicate", "true"),
                "hostile.csv",
                c.file().apply(tenant));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(c.http());
    if (c.http() != 202) {
      assertThat(response.text("error")).isEqualTo(c.code());
      assertThat(response.text("message")).isNotBlank();
    } else {
      JsonNode done = api().awaitFinished(ADMIN_KEY, response.text("batch_id")).json();
      assertThat(done.get("status").asString()).as(done.toString()).isEqualTo(c.status());
      if (c.code() == null) {
        assertThat(done.get("error_count").asInt()).isZero();
        assertThat(tenant.purchasesInLedger(jdbc)).isEqualTo(done.get("purchases_count").asInt());
      } else {
        assertThat(done.get("errors").get(0).get("code").asString()).isEqualTo(c.code());
        assertThat(done.get("errors").get(0).get("message").asString()).isNotBlank();
        assertThat(tenant.purchasesInLedger(jdbc)).isZero();
      }
    }
    assertThat(api().get(null, "/health").status()).isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void a_sheet_the_workbook_does_not_have_is_400_unknown_sheet_naming_the_sheets_it_has() {
    Tenant tenant = newTenant();
    Api.Response response =
        api()
            .uploadForm(
                ADMIN_KEY,
                Map.of("merchant_id", tenant.merchantId().toString(), "sheet", "../../etc"),
                "hostile.xlsx",
                Workbooks.ofCsv(tenant.csv(1, 1)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("unknown_sheet");
    assertThat(response.text("message"))
        .isEqualTo("The workbook has no sheet named '../../etc'. Its sheets: 'Sheet1'.");
    assertThat(tenant.batchCount(jdbc)).isZero();
    assertThat(api().get(null, "/health").status()).isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void values_that_look_like_code_are_stored_as_plain_text_and_the_tables_stay() {
    Tenant tenant = newTenant();
    String csv =
        Csv.HEADER
            + "\n\"x'); drop table purchase_ledger; --\",2024-01-15,"
            + tenant.users().get(0)
            + ",1.00,"
            + tenant.skus().get(0)
            + ",1,1.00,1.00\n";

    api()
        .awaitFinished(
            ADMIN_KEY,
            api()
                .upload(ADMIN_KEY, tenant.merchantId(), "../../etc/passwd", utf8(csv))
                .text("batch_id"));

    assertThat(
            jdbc.queryForList(
                "select transaction_number from purchase_ledger where merchant_id = ?",
                String.class,
                tenant.merchantId()))
        .containsExactly("x'); drop table purchase_ledger; --");
    assertThat(
            jdbc.queryForObject(
                "select file_name from bulk_import_batches where merchant_id = ?",
                String.class,
                tenant.merchantId()))
        .isEqualTo("../../etc/passwd");
  }

  @org.junit.jupiter.api.Test
  void a_hundred_thousand_errors_are_all_counted_and_all_in_the_report() {
    Tenant tenant = newTenant();
    String id =
        api()
            .upload(ADMIN_KEY, tenant.merchantId(), "bad.csv", hundredThousandErrors(tenant))
            .text("batch_id");
    JsonNode done = api().awaitFinished(ADMIN_KEY, id).json();

    Api.Response report = api().get(ADMIN_KEY, "/api/import/status/" + id + "/errors.csv");

    assertThat(done.get("error_count").asInt()).isEqualTo(100_000);
    assertThat(done.get("errors").size()).isEqualTo(100);
    assertThat(report.raw().body().lines().count()).isEqualTo(100_001);
  }

  static byte[] lateLatin1(Tenant t) {
    byte[] good = utf8(t.csv(1000, 1));
    byte[] bad =
        ("L-1,2024-01-15,"
                + t.users().get(0)
                + ",1.00,"
                + t.skus().get(0)
                + ",1,1.00,1.00,Caf\u00e9\n")
            .replace(",Caf", "")
            .replace("L-1", "Caf\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = new byte[good.length + bad.length];
    System.arraycopy(good, 0, file, 0, good.length);
    System.arraycopy(bad, 0, file, good.length, bad.length);
    assertThat(good.length).isGreaterThan(FileSniffer.SNIFF_BYTES);
    return file;
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** CSV rows that unpack to far more than the service's 20 MB limit, from a small upload. */
  static byte[] gzipBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] rows = utf8((Csv.HEADER + "\n").repeat(8192));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (long written = 0; written < 64L << 20; written += rows.length) {
        gz.write(rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A workbook whose sheet is a few valid rows, then {@code bytes} of one repeated empty row. */
  static byte[] workbookBomb(int bytes) {
    StringBuilder sheet =
        new StringBuilder("<worksheet xmlns=\"" + Workbooks.MAIN_NS + "\"><sheetData>");
    String row = "<row><c t=\"inlineStr\"><is><t></t></is></c></row>";
    sheet.append(row.repeat(bytes / row.length()));
    sheet.append("</sheetData></worksheet>");
    return Workbooks.zip(Workbooks.parts(sheet.toString(), null));
  }

  /** The zip with a 16-bit field of its first local header (at that offset) set. */
  static byte[] withFirstEntry(byte[] zip, int offset, short value) {
    byte[] patched = zip.clone();
    patched[offset] = (byte) value;
    patched[offset + 1] = (byte) (value >> 8);
    return patched;
  }

  /**
   * A workbook whose local headers are honest but whose central directory, which POI reads, says
   * its first part, [Content_Types].xml, unpacks to 200 MB: the upload's check sees a small part.
   */
  static byte[] contentTypesOf200MbInTheDirectory(Tenant t) {
    byte[] zip =
        Workbooks.zip(Workbooks.parts(Workbooks.sheetXml("", t.csv(3, 2).lines().toList()), null));
    int end = zip.length - 22; // the end record, without a comment
    int directory =
        (zip[end + 16] & 0xff)
            | (zip[end + 17] & 0xff) << 8
            | (zip[end + 18] & 0xff) << 16
            | (zip[end + 19] & 0xff) << 24;
    int size = 200 << 20;
    for (int i = 0; i < 4; i++) {
      zip[directory + 24 + i] = (byte) (size >> (8 * i));
    }
    return zip;
  }

  /**
   * A valid sheet whose shared strings table also holds a million distinct strings it never uses
   * (short ones, to stay under the tests' 20 MB limit).
   */
  static byte[] millionSharedStrings(Tenant t) {
    StringBuilder strings = new StringBuilder("<sst xmlns=\"" + Workbooks.MAIN_NS + "\">");
    for (int i = 0; i < 1_000_000; i++) {
      strings.append("<si><t>").append(Integer.toString(i, 36)).append("</t></si>");
    }
    strings.append("</sst>");
    List<String> lines = t.csv(3, 2).lines().toList();
    return Workbooks.zip(Workbooks.parts(Workbooks.sheetXml("", lines), strings.toString()));
  }

  /** Text that does not compress, so that cutting its gzip file short cuts the data. */
  static byte[] randomText(int length) {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder(Csv.HEADER).append('\n');
    while (text.length() < length) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return utf8(text.toString());
  }

  static byte[] latin1(Tenant t) {
    return (Csv.HEADER + "\nCaf\u00e9,2024-01-15,a,1,b,1,1,1\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The start of an OLE2 compound file, as an .xls workbook or an encrypted .xlsx begins. */
  static byte[] ole2() {
    byte[] bytes = new byte[4096];
    byte[] magic = {
      (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1
    };
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    return bytes;
  }

  static byte[] randomBytes() {
    byte[] bytes = new byte[100_000];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  static String oneBigPurchase(Tenant t) {
    StringBuilder csv = new StringBuilder(Csv.HEADER).append('\n');
    for (int i = 0; i < 10_000; i++) {
      csv.append(Tenant.row("BIG-1", t.users().get(0), t.skus().get(i % t.skus().size())))
          .append('\n');
    }
    return csv.toString();
  }

  static byte[] hundredThousandErrors(Tenant t) {
    StringBuilder csv = new StringBuilder(Csv.HEADER).append('\n');
    for (int i = 0; i < 100_000; i++) {
      csv.append("E-")
          .append(i)
          .append(",2024-01-15,nobody,1.00,")
          .append(t.skus().get(0))
          .append(",1,1.00,1.00\n");
    }
    return utf8(csv.toString());
  }
}
