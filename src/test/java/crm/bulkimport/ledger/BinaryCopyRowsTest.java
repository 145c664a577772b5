package crm.bulkimport.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.ServiceTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.beans.factory.annotation.Autowired;

/** What the binary COPY writes is what PostgreSQL reads back, value for value. */
class BinaryCopyRowsTest extends ServiceTest {

  @Autowired DataSource dataSource;

  static final List<String> NUMBERS =
      List.of(
          "0",
          "0.00",
          "1",
          "10000",
          "12345.6789",
          "0.0001",
          "0.5",
          "99999999.99",
          "1.10",
          "100",
          "123456789012345.99",
          "0.000100",
          "10000.0001",
          "-2.50",
          "7",
          "20000000",
          "0.01");

  @Test
  void numbers_timestamps_uuids_text_and_booleans_arrive_exactly() throws Exception {
    Instant when = Instant.parse("2024-01-15T03:00:00.123456Z");
    UUID id = UUID.randomUUID();
    List<String> back = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "create temp table copied (n numeric, t timestamptz, u uuid, s text, b boolean, i int)"
                + " on commit drop");
      }
      PGCopyOutputStream copy =
          new PGCopyOutputStream(
              connection.unwrap(PGConnection.class),
              "COPY copied FROM STDIN (FORMAT binary)",
              1 << 16);
      try (BinaryCopyRows rows = new BinaryCopyRows(copy)) {
        for (int i = 0; i < NUMBERS.size(); i++) {
          rows.startRow(6);
          rows.numeric(new BigDecimal(NUMBERS.get(i)));
          rows.timestamptz(when);
          rows.uuid(id);
          rows.text("é \\ \t \" , ' ✓");
          rows.bool(i % 2 == 0);
          rows.int4(i);
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "select n::text, t = '2024-01-15T03:00:00.123456Z'::timestamptz, u::text, s, b,"
                      + " i from copied order by i")) {
        while (rs.next()) {
          back.add(rs.getString(1));
          assertThat(rs.getBoolean(2)).isTrue();
          assertThat(rs.getString(3)).isEqualTo(id.toString());
          assertThat(rs.getString(4)).isEqualTo("é \\ \t \" , ' ✓");
          assertThat(rs.getBoolean(5)).isEqualTo(rs.getInt(6) % 2 == 0);
        }
      }
      connection.rollback();
    }
    assertThat(back).containsExactlyElementsOf(NUMBERS);
  }
}
