package crm.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import crm.bulkimport.batch.BatchState;
import crm.bulkimport.problem.ErrorCode;
import crm.bulkimport.support.Api;
import crm.bulkimport.support.ServiceTest;
import crm.bulkimport.support.Tenant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-written OpenAPI document against the running service: every {@code /api} endpoint the
 * service has is documented, and everything documented under {@code /api} exists.
 */
class OpenApiDocumentTest extends ServiceTest {

  static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping handlerMapping;

  Api.Response served;
  Map<String, Object> document;

  @BeforeEach
  void fetchTheDocument() {
    served = api().get(null, "/openapi.yaml");
    document = new Yaml().load(served.raw().body());
  }

  @Test
  void the_document_is_served_without_a_key_as_openapi_3_1_with_bearer_keys() {
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.header("Content-Type")).startsWith("application/yaml");
    assertThat(document.get("openapi")).isEqualTo("3.1.0");
    Map<String, Object> scheme =
        map(map(map(document.get("components")).get("securitySchemes")).get("bearerKey"));
    assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer");
    assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearerKey", List.of())));
  }

  @Test
  void every_api_endpoint_of_the_service_is_documented_and_nothing_else_is() {
    Set<String> real = realApiOperations();
    Set<String> documented = documentedOperations("/api/");

    assertThat(real).isNotEmpty();
    assertThat(new TreeSet<>(documented)).isEqualTo(new TreeSet<>(real));
  }

  @Test
  void health_and_the_probes_are_documented_without_a_key() {
    Map<String, Object> paths = map(document.get("paths"));
    for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
      Map<String, Object> get = map(map(paths.get(path)).get("get"));
      assertThat(get.get("security")).as(path).isEqualTo(List.of());
      assertThat(api().get(null, path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void the_documented_batch_states_are_the_service_s() {
    assertThat(enumOf("BatchState"))
        .containsExactlyElementsOf(
            Arrays.stream(BatchState.values()).map(BatchState::value).toList());
  }

  @Test
  void the_documented_row_error_codes_are_the_service_s() {
    assertThat(enumOf("ErrorCode"))
        .containsExactlyElementsOf(
            Arrays.stream(ErrorCode.values())
                .map(code -> code.name().toLowerCase(Locale.ROOT))
                .toList());
  }

  @Test
  void the_status_object_documents_every_field_the_service_sends() {
    Tenant tenant = newTenant();
    Api.Response accepted = api().upload(ADMIN_KEY, tenant.merchantId(), tenant.csv(1, 1));
    Api.Response finished = api().awaitFinished(ADMIN_KEY, accepted.text("batch_id"));

    Set<String> documented = map(schema("BatchStatus").get("properties")).keySet();
    Set<String> documentedProgress = map(schema("Progress").get("properties")).keySet();
    for (Api.Response status : List.of(accepted, finished)) {
      assertThat(documented).containsAll(status.json().propertyNames());
      assertThat(documentedProgress).containsAll(status.json().get("progress").propertyNames());
    }
    assertThat(schema("BatchStatus").get("required"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsAll(
            finished.json().propertyNames().stream()
                .filter(name -> !name.equals("errors"))
                .toList());
  }

  private Set<String> realApiOperations() {
    Set<String> operations = new TreeSet<>();
    for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
      for (String path : info.getPathPatternsCondition().getPatternValues()) {
        if (!path.startsWith("/api/")) {
          continue;
        }
        info.getMethodsCondition()
            .getMethods()
            .forEach(method -> operations.add(method.name() + " " + path));
      }
    }
    return operations;
  }

  private Set<String> documentedOperations(String prefix) {
    Set<String> operations = new TreeSet<>();
    map(document.get("paths"))
        .forEach(
            (path, item) -> {
              if (!path.startsWith(prefix)) {
                return;
              }
              map(item).keySet().stream()
                  .filter(HTTP_METHODS::contains)
                  .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path));
            });
    return operations;
  }

  private Map<String, Object> schema(String name) {
    return map(map(map(document.get("components")).get("schemas")).get(name));
  }

  // The YAML parser hands out untyped trees; the enum's shape is what the test checks.
  @SuppressWarnings("unchecked")
  private List<String> enumOf(String schema) {
    return (List<String>) schema(schema).get("enum");
  }

  // Checked just before the cast: a YAML mapping is always a Map with String keys.
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }
}
