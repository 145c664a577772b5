package crm.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.support.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's first command: no DATABASE_URL at all, so the service starts its own PostgreSQL,
 * migrates it, seeds the demo merchant, and imports the sample file.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"database.url=", "importer.admin-key=demo-test-key"})
@org.junit.jupiter.api.Tag("own-database")
class EmbeddedDemoTest {

  @LocalServerPort int port;

  @Test
  void with_no_database_url_the_service_runs_the_demo_and_imports_the_sample() throws IOException {
    Api api = new Api(port);
    byte[] sample = Files.readAllBytes(Path.of("samples/sample-purchases.csv"));

    Api.Response accepted =
        api.upload(
            "demo-test-key",
            UUID.fromString("7d3f5c2a-9b1e-4c8d-a6f0-3e2b1c4d5a60"),
            "sample-purchases.csv",
            sample);
    Api.Response done = api.awaitFinished("demo-test-key", accepted.text("batch_id"));

    assertThat(done.text("status")).isEqualTo("completed");
    assertThat(done.json().get("purchases_count").asInt()).isEqualTo(5);
    assertThat(done.json().get("items_count").asInt()).isEqualTo(7);
    assertThat(api.get(null, "/health").text("status")).isEqualTo("UP");
  }
}
