package crm.bulkimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

  static final String MERCHANT = "7d3f5c2a-9b1e-4c8d-a6f0-3e2b1c4d5a60";

  @Test
  void every_option_is_read_with_its_value_after_a_space_or_an_equals_sign() {
    ImportArguments.Parsed parsed =
        ImportArguments.parse(
            List.of(
                "--merchant",
                MERCHANT,
                "--file=data/january.csv",
                "--batch-name",
                "January",
                "--sheet=Orders",
                "--dry-run",
                "--profile=shopify_orders",
                "--allow-duplicate",
                "--on-existing",
                "skip",
                "--partial",
                "--max-errors=50"));

    assertThat(parsed)
        .isEqualTo(
            new ImportArguments.Run(
                new ImportArguments(
                    UUID.fromString(MERCHANT),
                    Path.of("data/january.csv"),
                    "January",
                    true,
                    true,
                    "shopify_orders",
                    "Orders",
                    "skip",
                    true,
                    "50")));
  }

  @Test
  void only_merchant_and_file_are_required() {
    assertThat(ImportArguments.parse(List.of("--file", "p.csv", "--merchant", MERCHANT)))
        .isEqualTo(
            new ImportArguments.Run(
                new ImportArguments(
                    UUID.fromString(MERCHANT),
                    Path.of("p.csv"),
                    null,
                    false,
                    false,
                    null,
                    null,
                    null,
                    false,
                    null)));
  }

  @Test
  void help_wins_over_anything_else() {
    assertThat(ImportArguments.parse(List.of("--bogus", "-h")))
        .isEqualTo(new ImportArguments.Help());
    assertThat(ImportArguments.parse(List.of("--help"))).isEqualTo(new ImportArguments.Help());
  }

  @Test
  void mistakes_are_named_so_the_operator_can_fix_them() {
    assertThat(invalid("--merchant", MERCHANT, "--file", "p.csv", "--verbose"))
        .isEqualTo("Unknown option --verbose. See import --help.");
    assertThat(invalid("--file", "p.csv")).isEqualTo("Say which merchant: --merchant <uuid>.");
    assertThat(invalid("--merchant", MERCHANT))
        .isEqualTo("Say which file to import: --file <path.csv>.");
    assertThat(invalid("--merchant", MERCHANT, "--file", "p.csv", "--profile"))
        .isEqualTo("--profile needs a value: --profile <profile id or preset name>");
    assertThat(invalid("--merchant", "acme", "--file", "p.csv"))
        .isEqualTo("--merchant 'acme' is not a UUID.");
    assertThat(invalid("--merchant", MERCHANT, "--file"))
        .isEqualTo("--file needs a value: --file <path.csv>");
    assertThat(invalid("--merchant", "--file", "p.csv"))
        .isEqualTo("--merchant needs a value: --merchant <uuid>");
    assertThat(invalid("--merchant", MERCHANT, "--file", "a.csv", "--file", "b.csv"))
        .isEqualTo("--file is given more than once.");
    assertThat(invalid("--merchant", MERCHANT, "p.csv"))
        .isEqualTo("Unexpected argument 'p.csv'; options start with --.");
    assertThat(invalid("--merchant", MERCHANT, "--file", "p.csv", "--dry-run=false"))
        .isEqualTo("--dry-run takes no value; leave out '=false'.");
  }

  @Test
  void the_batch_name_is_cleaned_as_the_upload_cleans_it() {
    ImportArguments.Run run =
        (ImportArguments.Run)
            ImportArguments.parse(
                List.of(
                    "--merchant",
                    MERCHANT,
                    "--file",
                    "p.csv",
                    "--batch-name",
                    "  Jan\u0007uary " + "x".repeat(300)));

    assertThat(run.arguments().batchName()).startsWith("January xxx").hasSize(255);
  }

  private static String invalid(String... args) {
    ImportArguments.Parsed parsed = ImportArguments.parse(List.of(args));
    assertThat(parsed).isInstanceOf(ImportArguments.Invalid.class);
    return ((ImportArguments.Invalid) parsed).message();
  }
}
