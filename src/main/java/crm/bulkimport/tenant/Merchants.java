package crm.bulkimport.tenant;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The CRM's merchants, read only. */
@Repository
public class Merchants {

  private final JdbcTemplate jdbc;

  Merchants(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(UUID merchantId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from merchants where id = ?)", Boolean.class, merchantId));
  }
}
