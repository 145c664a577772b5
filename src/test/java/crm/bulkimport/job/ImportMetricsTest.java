package crm.bulkimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import org.junit.jupiter.api.Test;

class ImportMetricsTest extends ServiceTest {

  @Test
  void prometheus_shows_outcomes_rows_durations_and_the_queue_to_the_admin_only() {
    Tenant tenant = newTenant();
    String good = api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(3, 2)).text("batch_id");
    api().awaitFinished(ADMIN_KEY, good);
    String bad =
        api()
            .upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1) + "X,2024-01-15,x,1,y,1,1,1\n")
            .text("batch_id");
    api().awaitFinished(ADMIN_KEY, bad);

    Api.Response scrape = api().get(ADMIN_KEY, "/prometheus");

    assertThat(scrape.status()).isEqualTo(200);
    String text = scrape.raw().body();
    assertThat(text)
        .contains("importer_batches_total{outcome=\"completed\"")
        .contains("importer_batches_total{outcome=\"failed\"")
        .contains("importer_rows_total")
        .contains("importer_bytes_total")
        .contains("importer_import_duration_seconds_bucket")
        .contains("importer_queue_depth");
    String merchantKey =
        api()
            .post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys")
            .text("api_key");
    assertThat(api().get(merchantKey, "/prometheus").status()).isEqualTo(403);
    assertThat(api().get(null, "/prometheus").status()).isEqualTo(401);
  }
}
