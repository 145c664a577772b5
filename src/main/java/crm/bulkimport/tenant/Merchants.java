package crm.bulkimport.tenant;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The CRM's merchants, read only. */
@Repository
public class Merchants {

  public record Merchant(UUID id, String name) {}

  private final JdbcTemplate jdbc;

  Merchants(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(UUID merchantId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from merchants where id = ?)", Boolean.class, merchantId));
  }

  /**
   * The merchant, if it exists and the caller may act for it; otherwise the same refusal whether it
   * is missing or another merchant's.
   *
   * @throws UnknownMerchant when it is missing or not the caller's
   */
  public UUID requireVisible(Caller caller, UUID merchantId) {
    if (!caller.mayActFor(merchantId)) {
      throw new UnknownMerchant(merchantId);
    }
    return requireExisting(merchantId);
  }

  /**
   * The merchant, if it exists.
   *
   * @throws UnknownMerchant when it does not
   */
  public UUID requireExisting(UUID merchantId) {
    if (!exists(merchantId)) {
      throw new UnknownMerchant(merchantId);
    }
    return merchantId;
  }

  public String name(UUID merchantId) {
    return jdbc
        .query("select name from merchants where id = ?", (rs, n) -> rs.getString(1), merchantId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** Merchants by name, for the admin to choose one; the first {@code limit}. */
  public List<Merchant> list(int limit) {
    return jdbc.query(
        "select id, name from merchants order by name, id limit ?",
        (rs, n) -> new Merchant(rs.getObject(1, UUID.class), rs.getString(2)),
        limit);
  }
}
