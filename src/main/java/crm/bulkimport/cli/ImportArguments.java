package crm.bulkimport.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What {@code import} was asked to do, read from its arguments without touching the file or the
 * database: {@code --merchant <uuid> --file <path> [--batch-name <name>] [--profile <id|preset>]
 * [--sheet <name>] [--dry-run] [--allow-duplicate] [--on-existing fail|skip] [--partial]
 * [--max-errors <n>]}, each value after a space or an {@code =}. The values of the last three are
 * checked by the intake, as an upload's are.
 */
record ImportArguments(
    UUID merchantId,
    Path file,
    String batchName,
    boolean dryRun,
    boolean allowDuplicate,
    String profile,
    String sheet,
    String onExisting,
    boolean partial,
    String maxErrors) {

  static final int MAX_NAME_LENGTH = 255;

  /** The outcome of reading the arguments. */
  sealed interface Parsed permits Run, Help, Invalid {}

  /** Import this. */
  record Run(ImportArguments arguments) implements Parsed {}

  /** Show the usage and stop. */
  record Help() implements Parsed {}

  /** A mistake in the arguments, said so that the operator can fix it. */
  record Invalid(String message) implements Parsed {}

  static final String USAGE =
      """
      Usage: java -jar crm-bulk-import.jar import --merchant <uuid> --file <path.csv> [options]

      Imports a purchase file (CSV, gzip-compressed CSV or an .xlsx workbook) exactly as an
      upload does: the file is stored with its batch and
      its durable import job in one commit, then every row is checked and the whole file written
      in one transaction, or nothing is. Runs against DATABASE_URL (with DATABASE_USER and
      DATABASE_PASSWORD) without starting the web server; with DATABASE_URL unset, against a fresh
      embedded demo database. Progress goes to stderr, the summary to stdout.

      Options:
        --merchant <uuid>     the merchant whose purchases these are (required)
        --file <path>         the CSV, .csv.gz or .xlsx file (required)
        --batch-name <name>   a label for the batch, shown in its status and list
        --profile <id|preset> read the file with a saved import profile (its id) or a preset
                              (shopify_orders, square_items) instead of the contract's columns
        --sheet <name>        the workbook's sheet to import (default: its first)
        --dry-run             check every row and write nothing
        --allow-duplicate     import even though the merchant has a batch of exactly this file
        --on-existing <fail|skip>
                              a purchase whose transaction_number is already in the ledger:
                              an error (fail, the default), or skipped when identical (skip)
        --partial             write the purchases without errors and leave out the others,
                              whole; their rows go to the error report, to fix and import again
        --max-errors <n>      with --partial, fail as usual beyond n errors (default 1000)
        -h, --help            show this text

      Exit status: 0 completed (a partial import that left purchases out too); 1 failed or cancelled (nothing was written); 2 refused before
      anything was stored (bad arguments, no such file or merchant, not a CSV file, too large,
      a duplicate, an unknown profile); 3 could not run (e.g. the database cannot be reached).

      Without arguments the jar starts the HTTP service instead.
      """;

  /** Reads the arguments that follow {@code import}. */
  static Parsed parse(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return new Help();
    }
    String merchant = null;
    String file = null;
    String batchName = null;
    String profile = null;
    String sheet = null;
    boolean dryRun = false;
    boolean allowDuplicate = false;
    boolean partial = false;
    String onExisting = null;
    String maxErrors = null;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        return new Invalid("Unexpected argument '" + arg + "'; options start with --.");
      }
      int equals = arg.indexOf('=');
      String option = equals < 0 ? arg : arg.substring(0, equals);
      String inlineValue = equals < 0 ? null : arg.substring(equals + 1);
      if (!seen.add(option)) {
        return new Invalid(option + " is given more than once.");
      }
      switch (option) {
        case "--dry-run", "--allow-duplicate", "--partial" -> {
          if (inlineValue != null) {
            return new Invalid(option + " takes no value; leave out '=" + inlineValue + "'.");
          }
          switch (option) {
            case "--dry-run" -> dryRun = true;
            case "--partial" -> partial = true;
            default -> allowDuplicate = true;
          }
        }
        case "--merchant",
            "--file",
            "--batch-name",
            "--profile",
            "--sheet",
            "--on-existing",
            "--max-errors" -> {
          String value = inlineValue;
          if (value == null) {
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
              return new Invalid(option + " needs a value: " + option + " " + placeholder(option));
            }
            value = args.get(++i);
          }
          switch (option) {
            case "--merchant" -> merchant = value;
            case "--file" -> file = value;
            case "--profile" -> profile = value.strip();
            case "--sheet" -> sheet = value;
            case "--on-existing" -> onExisting = value;
            case "--max-errors" -> maxErrors = value;
            default -> batchName = value;
          }
        }
        default -> {
          return new Invalid("Unknown option " + option + ". See import --help.");
        }
      }
    }
    if (merchant == null || merchant.isBlank()) {
      return new Invalid("Say which merchant: --merchant <uuid>.");
    }
    if (file == null || file.isBlank()) {
      return new Invalid("Say which file to import: --file <path.csv>.");
    }
    UUID merchantId;
    try {
      merchantId = UUID.fromString(merchant.strip());
    } catch (IllegalArgumentException e) {
      return new Invalid("--merchant '" + merchant + "' is not a UUID.");
    }
    return new Run(
        new ImportArguments(
            merchantId,
            Path.of(file),
            cleanName(batchName),
            dryRun,
            allowDuplicate,
            profile,
            cleanName(sheet),
            onExisting,
            partial,
            maxErrors));
  }

  private static String placeholder(String option) {
    return switch (option) {
      case "--merchant" -> "<uuid>";
      case "--file" -> "<path.csv>";
      case "--profile" -> "<profile id or preset name>";
      case "--on-existing" -> "<fail|skip>";
      case "--max-errors" -> "<n>";
      default -> "<name>";
    };
  }

  /** As the upload treats names: labels only, control characters out, cut to a sane length. */
  static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String clean = name.strip().replaceAll("\\p{Cntrl}", "");
    return clean.length() > MAX_NAME_LENGTH ? clean.substring(0, MAX_NAME_LENGTH) : clean;
  }
}
