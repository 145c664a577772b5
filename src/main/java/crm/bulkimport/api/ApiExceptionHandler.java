package crm.bulkimport.api;

import crm.bulkimport.problem.Refusal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps everything a client can get wrong to {@code {"error", "message"}} with a 4xx status: the web
 * framework's own exceptions, {@link ApiProblem}s from controllers and the {@link Refusal}s of the
 * modules below them.
 */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Map<String, Object>> problem(ApiProblem problem) {
    Map<String, Object> body = ApiErrorBody.of(problem.code(), problem.getMessage());
    body.putAll(problem.details());
    return ResponseEntity.status(problem.status()).body(body);
  }

  /** What a module turned down, answered by its kind. */
  @ExceptionHandler(Refusal.class)
  ResponseEntity<Map<String, Object>> refused(Refusal refusal) {
    return ApiErrorBody.answer(refusal);
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "missing_" + e.getRequestPartName(),
        "The request has no '"
            + e.getRequestPartName()
            + "' part. Send the CSV as multipart/form-data, e.g. curl -F file=@purchases.csv");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "missing_" + e.getParameterName(),
        "The request has no '" + e.getParameterName() + "' field.");
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> badMultipart(MultipartException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "bad_multipart",
        "The upload could not be read as multipart/form-data: " + rootMessage(e));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Content-Type "
            + e.getContentType()
            + " is not accepted here. Send the CSV as multipart/form-data with a 'file' part.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return body(
        HttpStatus.METHOD_NOT_ALLOWED,
        "method_not_allowed",
        e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badArgument(MethodArgumentTypeMismatchException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid_" + e.getName(),
        "'" + e.getValue() + "' is not a valid " + e.getName() + "; expected a UUID.");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadableBody(Exception e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid_json",
        "The request body is not the JSON this endpoint takes; see the API documentation.");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException e) {
    return body(HttpStatus.NOT_FOUND, "not_found", "There is nothing at /" + e.getResourcePath());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("Unexpected error while answering a request", e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "Something went wrong on our side; nothing you sent was written. Try again shortly.");
  }

  private static ResponseEntity<Map<String, Object>> body(
      HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(ApiErrorBody.of(code, message));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
