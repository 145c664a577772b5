package crm.bulkimport.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a real PostgreSQL, on a random port. Every test class that extends this
 * shares one application context, so the service starts once per test run.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "importer.admin-key=" + ServiceTest.ADMIN_KEY,
      "importer.max-file-size=20MB",
      "importer.demo-data=false",
      "importer.poll-interval=200ms"
    })
public abstract class ServiceTest {

  public static final String ADMIN_KEY = "test-admin-key-0123456789";

  @LocalServerPort protected int port;
  @Autowired protected JdbcTemplate jdbc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("database.url", TestDatabase::url);
    registry.add("database.user", TestDatabase::user);
    registry.add("database.password", TestDatabase::password);
  }

  protected Api api() {
    return new Api(port);
  }

  protected Tenant newTenant() {
    return Tenant.create(jdbc, 3, 4);
  }

  /** A new API key of the tenant's merchant, made with the admin key. */
  protected String merchantKey(Tenant tenant) {
    return api()
        .post(ADMIN_KEY, "/api/admin/merchants/" + tenant.merchantId() + "/api-keys")
        .text("api_key");
  }
}
