package crm.bulkimport.profile;

import crm.bulkimport.api.ApiErrorBody;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The web edge's answer to a profile problem, wherever a request met it. Ahead of the general
 * handler, whose catch-all would otherwise answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProfileProblemAnswer {

  @ExceptionHandler(ProfileProblem.class)
  ResponseEntity<Map<String, Object>> answer(ProfileProblem problem) {
    HttpStatus status =
        switch (problem.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    return ResponseEntity.status(status)
        .body(ApiErrorBody.of(problem.code(), problem.getMessage()));
  }
}
