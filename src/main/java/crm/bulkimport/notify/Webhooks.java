package crm.bulkimport.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Each merchant's webhook endpoint, at most one. */
@Repository
class Webhooks {

  record Webhook(UUID merchantId, String url, String secret) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Webhooks(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void put(UUID merchantId, String url, String secret) {
    jdbc.update(
        """
        insert into merchant_webhooks (merchant_id, url, secret, updated_at) values (?, ?, ?, ?)
        on conflict (merchant_id)
        do update set url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at""",
        merchantId,
        url,
        secret,
        Timestamp.from(Instant.now(clock)));
  }

  Optional<Webhook> of(UUID merchantId) {
    return jdbc
        .query(
            "select merchant_id, url, secret from merchant_webhooks where merchant_id = ?",
            (rs, n) -> new Webhook(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
            merchantId)
        .stream()
        .findFirst();
  }

  boolean remove(UUID merchantId) {
    return jdbc.update("delete from merchant_webhooks where merchant_id = ?", merchantId) == 1;
  }
}
