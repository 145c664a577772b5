package crm.bulkimport.api;

import crm.bulkimport.problem.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error body, and the one place that says which HTTP status each kind of {@link Refusal} gets:
 * for the handler, for a module's own advice, and where no controller advice reaches (the security
 * filters).
 */
public final class ApiErrorBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ApiErrorBody() {}

  public static Map<String, Object> of(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return body;
  }

  /** The answer to a refusal: its status by kind, its code, message and details. */
  public static ResponseEntity<Map<String, Object>> answer(Refusal refusal) {
    Map<String, Object> body = of(refusal.code(), refusal.getMessage());
    body.putAll(refusal.details());
    return ResponseEntity.status(status(refusal.kind())).body(body);
  }

  static HttpStatus status(Refusal.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case UNSUPPORTED_CONTENT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case INVALID -> HttpStatus.BAD_REQUEST;
    };
  }

  public static void write(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(of(code, message)));
  }
}
