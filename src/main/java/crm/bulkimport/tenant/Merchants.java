package crm.bulkimport.tenant;

import crm.bulkimport.api.ApiProblem;
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
   * The merchant a request acts for: the one its {@code merchant_id} names (the admin must name
   * one), or the caller's own; checked as {@link #requireVisible} does.
   *
   * @throws ApiProblem 400 {@code missing_merchant_id} or {@code invalid_merchant_id}
   * @throws UnknownMerchant when it is missing or not the caller's
   */
  public UUID actingFor(Caller caller, String merchantIdText) {
    UUID merchantId;
    if (merchantIdText == null || merchantIdText.isBlank()) {
      if (caller.admin()) {
        throw ApiProblem.badRequest(
            "missing_merchant_id",
            "The admin key acts for any merchant, so say which: add a merchant_id field.");
      }
      merchantId = caller.merchantId();
    } else {
      try {
        merchantId = UUID.fromString(merchantIdText.strip());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest(
            "invalid_merchant_id", "merchant_id '" + merchantIdText + "' is not a UUID.");
      }
    }
    return requireVisible(caller, merchantId);
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
