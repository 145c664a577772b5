package crm.bulkimport.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the client caused in the request itself, with the status, the stable code and a message
 * a person can act on. Thrown by controllers only (what the modules below refuse is a {@link
 * crm.bulkimport.problem.Refusal}) and turned into JSON by {@link ApiExceptionHandler}.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final Map<String, Object> details;

  public ApiProblem(HttpStatus status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiProblem(HttpStatus status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public static ApiProblem notFound(String code, String message) {
    return new ApiProblem(HttpStatus.NOT_FOUND, code, message);
  }

  public static ApiProblem badRequest(String code, String message) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, code, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
