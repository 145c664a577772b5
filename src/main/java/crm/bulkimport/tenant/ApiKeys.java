package crm.bulkimport.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Merchant API keys: created by the admin, shown once, stored as SHA-256 hashes. */
@Repository
public class ApiKeys {

  static final String MERCHANT_KEY_PREFIX = "cbi_";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ApiKeys(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new key, whose secret exists only in this object. */
  public record NewKey(UUID keyId, String apiKey) {}

  public NewKey create(UUID merchantId) {
    UUID id = UUID.randomUUID();
    String key = KeyHashing.newKey(MERCHANT_KEY_PREFIX);
    jdbc.update(
        """
        insert into merchant_api_keys (id, merchant_id, key_hash, key_hint, created_at)
        values (?, ?, ?, ?, ?)""",
        id,
        merchantId,
        KeyHashing.sha256(key),
        key.substring(0, MERCHANT_KEY_PREFIX.length() + 4),
        Timestamp.from(Instant.now(clock)));
    return new NewKey(id, key);
  }

  /** Revokes a key; false when there is no such live key. */
  public boolean revoke(UUID keyId) {
    return jdbc.update(
            "update merchant_api_keys set revoked_at = ? where id = ? and revoked_at is null",
            Timestamp.from(Instant.now(clock)),
            keyId)
        == 1;
  }

  /** The merchant caller a live key belongs to. */
  Optional<Caller> callerFor(String key) {
    return jdbc
        .query(
            """
            select id, merchant_id from merchant_api_keys
            where key_hash = ? and revoked_at is null""",
            (rs, n) ->
                new Caller(
                    false, rs.getObject("merchant_id", UUID.class), rs.getObject("id", UUID.class)),
            (Object) KeyHashing.sha256(key))
        .stream()
        .findFirst();
  }
}
