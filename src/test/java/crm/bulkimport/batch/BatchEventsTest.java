package crm.bulkimport.batch;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchEventsTest extends ServiceTest {

  private HttpResponse<Stream<String>> events(String key, String batchId) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + port + "/api/import/status/" + batchId + "/events"))
            .header("Authorization", "Bearer " + key)
            .GET()
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
  }

  @Test
  void the_events_stream_follows_the_batch_until_it_ends() throws Exception {
    Tenant tenant = newTenant();
    String id =
        api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(15_000, 2)).text("batch_id");

    HttpResponse<Stream<String>> response = events(ADMIN_KEY, id);
    List<JsonNode> statuses;
    try (Stream<String> lines = response.body()) {
      statuses =
          lines
              .filter(line -> line.startsWith("data:"))
              .map(line -> JsonMapper.builder().build().readTree(line.substring(5)))
              .toList();
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(statuses).isNotEmpty();
    JsonNode last = statuses.get(statuses.size() - 1);
    assertThat(last.get("status").asString()).isEqualTo("completed");
    assertThat(last.get("purchases_count").asInt()).isEqualTo(15_000);
    assertThat(last.get("progress").get("percent").asInt()).isEqualTo(100);
    assertThat(statuses).allMatch(s -> s.get("batch_id").asString().equals(id));
  }

  @Test
  void another_merchants_events_are_404() throws Exception {
    Tenant mine = newTenant();
    Tenant theirs = newTenant();
    String key =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + mine.merchantId() + "/api-keys")
            .text("api_key");
    String theirBatch =
        api().upload(ADMIN_KEY, theirs.merchantId(), theirs.csv(1, 1)).text("batch_id");

    assertThat(events(key, theirBatch).statusCode()).isEqualTo(404);
  }

  @Test
  void a_pending_batch_knows_its_place_in_the_queue() {
    Tenant tenant = newTenant();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    // Not scheduled: they stay pending, as behind busy workers. A second apart, long ago, so that
    // no other test's batch on a shared database comes between them.
    jdbc.update(
        "insert into bulk_import_batches (id, merchant_id, status, created_at) values (?, ?,"
            + " 'pending', timestamptz '2001-01-01 00:00:00Z'), (?, ?, 'pending',"
            + " timestamptz '2001-01-01 00:00:01Z')",
        first,
        tenant.merchantId(),
        second,
        tenant.merchantId());
    try {
      int before =
          api()
              .get(ADMIN_KEY, "/api/import/status/" + first)
              .json()
              .get("progress")
              .get("queue_position")
              .asInt();
      JsonNode after = api().get(ADMIN_KEY, "/api/import/status/" + second).json().get("progress");

      // The first is the oldest batch waiting anywhere. The second is its merchant's second: any
      // other merchant's first batch left waiting on a shared database goes before it too.
      assertThat(before).isEqualTo(1);
      assertThat(after.get("queue_position").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(after.get("phase").asString()).isEqualTo("queued");
    } finally {
      jdbc.update(
          "update bulk_import_batches set status = 'cancelled', completed_at = now() where id in"
              + " (?, ?)",
          first,
          second);
    }
  }
}
