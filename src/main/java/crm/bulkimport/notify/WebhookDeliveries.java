package crm.bulkimport.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every webhook delivery and how it went. Updates are conditional on the delivery still pending, so
 * a late attempt can never undo a delivered or given-up one.
 */
@Repository
class WebhookDeliveries {

  /** A delivery as stored; {@code secret} is the merchant's, read at send time. */
  record Delivery(
      UUID id,
      UUID batchId,
      UUID merchantId,
      String event,
      String url,
      String payload,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError,
      Instant createdAt,
      Instant giveUpAt,
      Instant deliveredAt) {}

  /** A delivery as the API lists it (snake_case on the wire). */
  record DeliveryView(
      UUID deliveryId,
      String event,
      String url,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError,
      Instant createdAt,
      Instant deliveredAt) {

    static DeliveryView of(Delivery d) {
      return new DeliveryView(
          d.id(),
          d.event(),
          d.url(),
          d.status(),
          d.attempts(),
          d.lastStatusCode(),
          d.lastError(),
          d.createdAt(),
          d.deliveredAt());
    }
  }

  private static final String COLUMNS =
      "id, batch_id, merchant_id, event, url, payload, status, attempts, last_status_code,"
          + " last_error, created_at, give_up_at, delivered_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  WebhookDeliveries(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a pending delivery; false when the batch has one of this event already. */
  boolean create(
      UUID id,
      UUID batchId,
      UUID merchantId,
      String event,
      String url,
      String payload,
      Instant giveUpAt) {
    return jdbc.update(
            """
            insert into webhook_deliveries (id, batch_id, merchant_id, event, url, payload,
            status, created_at, give_up_at) values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            on conflict (batch_id, event) do nothing""",
            id,
            batchId,
            merchantId,
            event,
            url,
            payload,
            Timestamp.from(Instant.now(clock)),
            Timestamp.from(giveUpAt))
        == 1;
  }

  Optional<Delivery> find(UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from webhook_deliveries where id = ?", ROW, id)
        .stream()
        .findFirst();
  }

  List<Delivery> ofBatch(UUID batchId) {
    return jdbc.query(
        "select " + COLUMNS + " from webhook_deliveries where batch_id = ? order by created_at",
        ROW,
        batchId);
  }

  void delivered(UUID id, int statusCode) {
    jdbc.update(
        """
        update webhook_deliveries set status = 'delivered', attempts = attempts + 1,
        last_status_code = ?, last_error = null, delivered_at = ?
        where id = ? and status = 'pending'""",
        statusCode,
        Timestamp.from(Instant.now(clock)),
        id);
  }

  void attemptFailed(UUID id, Integer statusCode, String error) {
    jdbc.update(
        """
        update webhook_deliveries set attempts = attempts + 1, last_status_code = ?,
        last_error = ? where id = ? and status = 'pending'""",
        statusCode,
        error,
        id);
  }

  void givenUp(UUID id, String reason) {
    jdbc.update(
        """
        update webhook_deliveries set status = 'given_up', last_error = ?
        where id = ? and status = 'pending'""",
        reason,
        id);
  }

  private static final org.springframework.jdbc.core.RowMapper<Delivery> ROW =
      (ResultSet rs, int n) ->
          new Delivery(
              rs.getObject("id", UUID.class),
              rs.getObject("batch_id", UUID.class),
              rs.getObject("merchant_id", UUID.class),
              rs.getString("event"),
              rs.getString("url"),
              rs.getString("payload"),
              rs.getString("status"),
              rs.getInt("attempts"),
              (Integer) rs.getObject("last_status_code"),
              rs.getString("last_error"),
              instant(rs.getTimestamp("created_at")),
              instant(rs.getTimestamp("give_up_at")),
              instant(rs.getTimestamp("delivered_at")));

  private static Instant instant(Timestamp t) throws SQLException {
    return t == null ? null : t.toInstant();
  }
}
