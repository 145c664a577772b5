package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.ProfileJson;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import crm.bulkimport.validation.LineValidator;
import crm.bulkimport.validation.PurchaseLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grouping in the staging table says exactly what grouping in the stream says: every fixture file,
 * once with its runs grouped as they pass and once with every run deferred to the table, gives the
 * same errors in the same order and the same purchases.
 */
class DeferredGroupingTest extends ServiceTest {

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CrmKeys keys;

  /** Says "maybe" for every number: every run after the first of its number goes to the table. */
  private static final class SeenEverything extends SeenTransactions {
    @Override
    boolean mightContain(String number) {
      return true;
    }
  }

  record Outcome(List<String> errors, List<String> staged, int purchases) {}

  static Stream<Path> fixtures() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("src/test/resources/cases", "src/test/resources/profile-cases")) {
      try (Stream<Path> list = Files.list(Path.of(dir))) {
        list.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void a_file_grouped_in_the_staging_table_reports_what_the_stream_would(Path file)
      throws IOException {
    ImportProfile profile = profile(file);
    Tenant tenant = newTenant();

    Outcome streamed = load(file, profile, tenant, new SeenTransactions());
    Outcome deferred = load(file, profile, tenant, new SeenEverything());

    assertThat(deferred.errors()).containsExactlyElementsOf(streamed.errors());
    assertThat(deferred.staged()).containsExactlyElementsOf(streamed.staged());
    assertThat(deferred.purchases()).isEqualTo(streamed.purchases());
  }

  private static ImportProfile profile(Path csv) throws IOException {
    Path json = Path.of(csv.toString().replace(".csv", ".profile.json"));
    return Files.exists(json) ? ProfileJson.read(Files.readString(json)) : ImportProfile.contract();
  }

  private Outcome load(Path file, ImportProfile profile, Tenant tenant, SeenTransactions seen) {
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    return transaction.execute(
        status -> {
          status.setRollbackOnly();
          try (InputStream in = Files.newInputStream(file);
              PurchaseCsvReader reader = PurchaseCsvReader.open(in)) {
            List<ImportError> errors = new ArrayList<>();
            try {
              reader.readHeader(profile);
            } catch (CsvFileProblem problem) {
              return new Outcome(List.of(problem.getMessage()), List.of(), 0);
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            LedgerLoad load =
                new LedgerLoad(
                    connection,
                    connection.unwrap(PGConnection.class),
                    tenant.merchantId(),
                    Integer.MAX_VALUE,
                    profile,
                    keys,
                    false,
                    seen);
            LineValidator validator = new LineValidator(profile);
            try {
              for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                PurchaseLine line = validator.validate(row, errors::add);
                if (line != null) {
                  load.stage(line, errors::add);
                }
              }
            } catch (CsvFileProblem problem) {
              errors.addAll(problem.errors());
            }
            load.endStaging(errors::add);
            load.checkAgainstDatabase(errors::add);
            List<String> staged =
                jdbc.queryForList(
                    """
                    select concat_ws(' | ', line, transaction_number, transaction_date, is_first,
                                     first_value(line) over (partition by purchase_id
                                                             order by line))
                    from import_stage order by line""",
                    String.class);
            // As the status lists them: by line, then in the order found.
            List<String> listed =
                errors.stream()
                    .sorted(
                        Comparator.comparing(
                            ImportError::line, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(
                        e ->
                            e.line()
                                + " | "
                                + e.transactionNumber()
                                + " | "
                                + e.column()
                                + " | "
                                + e.code()
                                + " | "
                                + e.message())
                    .toList();
            return new Outcome(listed, staged, load.countStaged().purchases());
          } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
