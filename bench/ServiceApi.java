package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the benchmark makes to the running service, as its admin. */
final class ServiceApi {
  private final int port;
  private final String adminKey;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  ServiceApi(int port, String adminKey) {
    this.port = port;
    this.adminKey = adminKey;
  }

  /** Whether /health says UP; an IOException while the service is not listening yet. */
  boolean reportsUp() throws IOException, InterruptedException {
    HttpResponse<String> health = send(request("/health").GET().build());
    return health.statusCode() == 200 && health.body().contains("\"UP\"");
  }

  /** Sends the file as multipart/form-data, streamed from disk; returns the batch id. */
  UUID upload(UUID merchantId, Path file) throws IOException, InterruptedException {
    return upload(merchantId, file, Map.of());
  }

  /**
   * The same with further form fields: {@code profile}, {@code on_existing}, {@code partial},
   * {@code max_errors}, {@code allow_duplicate}.
   */
  UUID upload(UUID merchantId, Path file, Map<String, ?> fields)
      throws IOException, InterruptedException {
    return upload(merchantId, file, fields, null);
  }

  /**
   * The same with an {@code Idempotency-Key}: an upload whose answer was lost (the instance died)
   * can be sent again, to any instance, and gives the batch of the first if that one was stored.
   */
  UUID uploadIdempotently(UUID merchantId, Path file, String idempotencyKey)
      throws IOException, InterruptedException {
    return upload(merchantId, file, Map.of(), idempotencyKey);
  }

  private UUID upload(UUID merchantId, Path file, Map<String, ?> fields, String idempotencyKey)
      throws IOException, InterruptedException {
    MultipartBody body = new MultipartBody().field("merchant_id", merchantId);
    fields.forEach(body::field);
    HttpRequest.Builder upload =
        request("/api/import/purchases")
            .header("Content-Type", body.contentType())
            .timeout(Duration.ofMinutes(30))
            .POST(body.withFile(file.getFileName().toString(), BodyPublishers.ofFile(file)));
    if (idempotencyKey != null) {
      upload.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response = send(upload.build());
    if (response.statusCode() != 202) {
      throw new BenchmarkFailure(
          "the upload answered " + response.statusCode() + ": " + response.body());
    }
    return UUID.fromString(Json.field(response.body(), "batch_id"));
  }

  /** Saves a profile (the JSON body names its merchant); returns its id. */
  UUID createProfile(String json) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/api/import/profiles")
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(BodyPublishers.ofString(json))
        .build());
    if (response.statusCode() != 201) {
      throw new BenchmarkFailure(
          "creating a profile answered " + response.statusCode() + ": " + response.body());
    }
    return UUID.fromString(Json.field(response.body(), "profile_id"));
  }

  /** {@code POST /api/import/preview} of a file's head, as the import page sends it. */
  HttpResponse<String> preview(UUID merchantId, String fileName, byte[] head)
      throws IOException, InterruptedException {
    MultipartBody body = new MultipartBody().field("merchant_id", merchantId);
    return send(request("/api/import/preview")
        .header("Content-Type", body.contentType())
        .timeout(Duration.ofSeconds(60))
        .POST(body.withFile(fileName, BodyPublishers.ofByteArray(head)))
        .build());
  }

  BatchStatus status(UUID batchId) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/import/status/" + batchId);
    if (response.statusCode() != 200) {
      throw new BenchmarkFailure(
          "status of " + batchId + " answered " + response.statusCode() + ": " + response.body());
    }
    return BatchStatus.parse(response.body());
  }

  /** {@code GET /api/import/status/{batch_id}/errors.csv}, which must answer 200. */
  String errorsCsv(UUID batchId) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/import/status/" + batchId + "/errors.csv");
    if (response.statusCode() != 200) {
      throw new BenchmarkFailure("errors.csv of " + batchId + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Heap in use (live objects and garbage not yet collected), summed over the heap pools. */
  long heapUsedBytes() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics/jvm.memory.used?tag=area:heap");
    Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)").matcher(response.body());
    if (response.statusCode() != 200 || !value.find()) {
      throw new IOException("metrics answered " + response.statusCode());
    }
    return (long) Double.parseDouble(value.group(1));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).timeout(Duration.ofSeconds(60)).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + adminKey);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, BodyHandlers.ofString());
  }
}
