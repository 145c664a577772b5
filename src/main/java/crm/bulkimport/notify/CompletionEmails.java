package crm.bulkimport.notify;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import crm.bulkimport.batch.BatchStatus;
import crm.bulkimport.batch.BatchView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * A short email to the merchant when an import completes or fails, if SMTP is configured ({@code
 * spring.mail.host}) and the merchant has an address.
 */
@Component
class CompletionEmails {

  private static final Logger log = LoggerFactory.getLogger(CompletionEmails.class);
  static final int ERRORS_LISTED = 10;

  private final ObjectProvider<JavaMailSender> mail;
  private final BatchStatus status;
  private final JdbcTemplate jdbc;
  private final NotificationProperties properties;
  private final MeterRegistry metrics;

  CompletionEmails(
      ObjectProvider<JavaMailSender> mail,
      BatchStatus status,
      JdbcTemplate jdbc,
      NotificationProperties properties,
      MeterRegistry metrics) {
    this.mail = mail;
    this.status = status;
    this.jdbc = jdbc;
    this.properties = properties;
    this.metrics = metrics;
  }

  boolean configured() {
    return mail.getIfAvailable() != null;
  }

  /**
   * The merchant's email address. Read through {@code to_jsonb} because a CRM's own merchants table
   * need not have an {@code email} column: then there is simply no address.
   */
  Optional<String> addressOf(UUID merchantId) {
    return jdbc
        .query(
            "select nullif(trim(to_jsonb(m) ->> 'email'), '') from merchants m where id = ?",
            (rs, n) -> rs.getString(1),
            merchantId)
        .stream()
        .filter(address -> address != null)
        .findFirst();
  }

  void send(UUID batchId) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      // Retried, so that an instance with SMTP can take it; given up after the last try.
      throw new IllegalStateException("SMTP is not configured on this instance (spring.mail.host)");
    }
    BatchView batch = status.of(batchId).orElse(null);
    if (batch == null) {
      return;
    }
    Optional<String> to = addressOf(batch.merchantId());
    if (to.isEmpty()) {
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mailFrom());
    message.setTo(to.get());
    message.setSubject(subject(batch));
    message.setText(body(batch));
    sender.send(message);
    count("sent");
    log.info("Emailed the merchant about batch {}", batchId);
  }

  void givenUp(ExecutionComplete complete) {
    count("given_up");
    log.warn(
        "Gave up emailing about batch {}: {}",
        complete.getExecution().taskInstance.getId(),
        complete.getCause().map(Throwable::getMessage).orElse("unknown"));
  }

  static String subject(BatchView batch) {
    String what = (batch.dryRun() ? "Dry run " : "Import ") + name(batch);
    if (batch.status().equals("completed")) {
      return what
          + (batch.dryRun() ? " passed: " : " completed: ")
          + batch.purchasesCount()
          + " purchases, "
          + batch.itemsCount()
          + " items";
    }
    return what
        + " failed: "
        + batch.errorCount()
        + (batch.errorCount() == 1 ? " error" : " errors");
  }

  static String body(BatchView batch) {
    StringBuilder text = new StringBuilder();
    text.append(batch.dryRun() ? "Dry run " : "Import ")
        .append(name(batch))
        .append(" (file ")
        .append(batch.fileName())
        .append(") ")
        .append(batch.status())
        .append(" at ")
        .append(batch.completedAt())
        .append(".\n\n");
    if (batch.status().equals("completed")) {
      text.append("Rows: ")
          .append(batch.totalRows())
          .append("\nPurchases: ")
          .append(batch.purchasesCount())
          .append("\nItems: ")
          .append(batch.itemsCount())
          .append(batch.dryRun() ? "\n\nNothing was written: this was a dry run.\n" : "\n");
    } else {
      text.append("Nothing was imported. ").append(batch.errorMessage()).append("\n");
      if (batch.errors() != null && !batch.errors().isEmpty()) {
        text.append("\n");
        batch.errors().stream()
            .limit(ERRORS_LISTED)
            .forEach(
                e ->
                    text.append(e.line() == null ? "File" : "Line " + e.line())
                        .append(e.column() == null ? "" : ", " + e.column())
                        .append(": ")
                        .append(e.message())
                        .append("\n"));
        if (batch.errorCount() > ERRORS_LISTED) {
          text.append("... and ")
              .append(batch.errorCount() - ERRORS_LISTED)
              .append(" more in the error report.\n");
        }
      }
      text.append("\nError report: GET /api/import/status/")
          .append(batch.batchId())
          .append("/errors.csv\n");
    }
    text.append("Batch: ").append(batch.batchId()).append("\n");
    return text.toString();
  }

  private static String name(BatchView batch) {
    return batch.batchName() != null && !batch.batchName().isBlank()
        ? "'" + batch.batchName() + "'"
        : "'" + batch.fileName() + "'";
  }

  private void count(String outcome) {
    Counter.builder("importer.emails")
        .description("Completion emails by outcome: sent, given_up")
        .tag("outcome", outcome)
        .register(metrics)
        .increment();
  }
}
