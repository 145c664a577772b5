package crm.bulkimport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Csv;
import crm.bulkimport.support.Poll;
import crm.bulkimport.support.Tenant;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompletionEmailTest extends NotifyingServiceTest {

  private Tenant tenantWithEmail(String address) {
    Tenant tenant = newTenant();
    jdbc.update("update merchants set email = ? where id = ?", address, tenant.merchantId());
    return tenant;
  }

  private MimeMessage awaitMailTo(String address) {
    return Poll.until(
            Duration.ofSeconds(20),
            Duration.ofMillis(50),
            () ->
                Arrays.stream(MAIL.getReceivedMessages())
                    .filter(m -> sentTo(m, address))
                    .findFirst(),
            Optional::isPresent,
            none -> "No email reached " + address)
        .orElseThrow();
  }

  private static boolean sentTo(MimeMessage message, String address) {
    try {
      return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
          .anyMatch(to -> to.toString().equals(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_completed_import_emails_the_merchant_its_counts() throws Exception {
    String address = "owner-" + System.nanoTime() + "@shop.example";
    Tenant tenant = tenantWithEmail(address);
    String batchId =
        api()
            .uploadForm(
                ADMIN_KEY,
                java.util.Map.of(
                    "merchant_id", tenant.merchantId().toString(), "batch_name", "January"),
                "jan.csv",
                tenant.csv(4, 2).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .text("batch_id");

    MimeMessage mail = awaitMailTo(address);

    assertThat(mail.getSubject()).isEqualTo("Import 'January' completed: 4 purchases, 8 items");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("imports@crm.example");
    String text = mail.getContent().toString();
    assertThat(text).contains("Rows: 8").contains("Batch: " + batchId);
  }

  @Test
  void a_failed_import_emails_its_first_errors_with_line_numbers() throws Exception {
    String address = "failing-" + System.nanoTime() + "@shop.example";
    Tenant tenant = tenantWithEmail(address);
    String csv =
        Csv.HEADER
            + "\n"
            + Tenant.row("T-1", tenant.users().get(0), tenant.skus().get(0))
            + "\nT-2,2024-01-15,"
            + tenant.users().get(0)
            + ",9.99,not-a-sku,1,1.00,1.00\n";
    api().upload(ADMIN_KEY, tenant.merchantId(), csv);

    MimeMessage mail = awaitMailTo(address);

    assertThat(mail.getSubject()).endsWith("failed: 1 error");
    assertThat(mail.getContent().toString())
        .contains("Nothing was imported.")
        .contains("Line 3, sku_id:")
        .contains("/errors.csv");
  }

  @Test
  void a_revert_sends_no_email() throws Exception {
    String address = "reverting-" + System.nanoTime() + "@shop.example";
    Tenant tenant = tenantWithEmail(address);
    String batchId =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1)).text("batch_id");
    awaitMailTo(address);
    Poll.until(
        Duration.ofSeconds(20),
        Duration.ofMillis(50),
        () -> emailJobsOf(batchId),
        jobs -> jobs == 0,
        jobs -> "The completion email's job is still there");

    int reverted = api().post(ADMIN_KEY, "/api/import/" + batchId + "/revert").status();

    assertThat(reverted).isEqualTo(200);
    // The email would have been scheduled in the revert's own transaction.
    assertThat(emailJobsOf(batchId)).isZero();
    assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> sentTo(m, address)))
        .hasSize(1);
  }

  private int emailJobsOf(String batchId) {
    return jdbc.queryForObject(
        "select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
        Integer.class,
        NotificationJobs.COMPLETION_EMAIL,
        batchId);
  }
}
