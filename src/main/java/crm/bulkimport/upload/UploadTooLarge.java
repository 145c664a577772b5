package crm.bulkimport.upload;

import crm.bulkimport.api.ApiErrorBody;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the limit is stopped as it arrives, before any controller sees it; it is answered
 * here, where the limit is known. Ahead of the general handler, whose catch-all would otherwise
 * take it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLarge {

  private final DataSize limit;

  UploadTooLarge(UploadProperties properties) {
    this.limit = properties.maxFileSize();
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return ApiErrorBody.answer(new FileTooLarge(limit));
  }
}
