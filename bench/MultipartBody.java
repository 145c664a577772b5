package bench;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data request body: text fields, then the file, which is never copied. */
final class MultipartBody {
  private final String boundary = "crm-bench-" + UUID.randomUUID();
  private final StringBuilder fields = new StringBuilder();

  MultipartBody field(String name, Object value) {
    fields.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
        .append(value).append("\r\n");
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * The fields and a {@code file} part whose content {@code file} publishes, typed by the file's
   * name as a browser types it (the service itself goes by the content).
   */
  BodyPublisher withFile(String fileName, BodyPublisher file) {
    String fileHeader =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
            + "Content-Type: " + UploadFormat.mediaTypeOf(fileName) + "\r\n\r\n";
    List<BodyPublisher> parts = new ArrayList<>();
    parts.add(BodyPublishers.ofString(fields + fileHeader));
    parts.add(file);
    parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
    return BodyPublishers.concat(parts.toArray(BodyPublisher[]::new));
  }
}
