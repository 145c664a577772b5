package crm.bulkimport.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client sees it, over a real socket. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public Api(int port) {
    this.base = "http://localhost:" + port;
  }

  /** A response with its body read as JSON (or null when it is not JSON). */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String text(String field) {
      JsonNode node = json.get(field);
      return node == null || node.isNull() ? null : node.asString();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Response get(String key, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  public Response post(String key, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  public Response delete(String key, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .DELETE()
            .header("Authorization", "Bearer " + key)
            .build());
  }

  public Response putJson(String key, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response postJson(String key, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Response postRaw(String key, String path, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** Uploads a file; {@code merchantId} null leaves the field out. */
  public Response upload(String key, UUID merchantId, String fileName, byte[] content) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (merchantId != null) {
      fields.put("merchant_id", merchantId.toString());
    }
    return uploadForm(key, fields, fileName, content);
  }

  public Response upload(String key, UUID merchantId, String csv) {
    return upload(key, merchantId, "purchases.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  /** A multipart form with the given text fields and, unless fileName is null, a file part. */
  public Response uploadForm(
      String key, Map<String, String> fields, String fileName, byte[] content) {
    return multipart(key, "/api/import/purchases", fields, fileName, content);
  }

  /** A file and its fields sent to {@code POST /api/import/preview}. */
  public Response preview(String key, Map<String, String> fields, String fileName, byte[] content) {
    return multipart(key, "/api/import/preview", fields, fileName, content);
  }

  private Response multipart(
      String key, String path, Map<String, String> fields, String fileName, byte[] content) {
    String boundary = "----test" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> field : fields.entrySet()) {
        body.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + field.getKey()
                    + "\"\r\n\r\n"
                    + field.getValue()
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      if (fileName != null) {
        body.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName
                    + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  /** Polls the batch's status until it is finished, and returns that status. */
  public Response awaitFinished(String key, String batchId) {
    return Poll.until(
        Duration.ofSeconds(60),
        Duration.ofMillis(50),
        () -> get(key, "/api/import/status/" + batchId),
        status -> {
          String state = status.text("status");
          return state == null || !(state.equals("pending") || state.equals("processing"));
        },
        status -> "Batch " + batchId + " did not finish: " + status.json());
  }

  /**
   * Polls the batch's status until the import has reported parsed rows: it is well inside its
   * transaction. Returns that status.
   */
  public JsonNode awaitRowsParsed(String key, String batchId) {
    return Poll.until(
        Duration.ofSeconds(60),
        Duration.ofMillis(20),
        () -> get(key, "/api/import/status/" + batchId).json(),
        status -> status.get("progress").get("rows_done").asLong() > 0,
        status -> "The import never reported progress");
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
