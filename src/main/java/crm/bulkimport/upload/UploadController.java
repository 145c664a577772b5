package crm.bulkimport.upload;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.batch.NewBatch;
import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/import/purchases}: answers 202 with the batch as soon as the file is stored. */
@RestController
class UploadController {

  static final int MAX_NAME_LENGTH = 255;

  private final ImportIntake intake;
  private final Merchants merchants;
  private final Clock clock;

  UploadController(ImportIntake intake, Merchants merchants, Clock clock) {
    this.intake = intake;
    this.merchants = merchants;
    this.clock = clock;
  }

  @PostMapping(path = "/api/import/purchases", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<BatchView> upload(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "merchant_id", required = false) String merchantIdText,
      @RequestParam(name = "batch_name", required = false) String batchName,
      @RequestParam(name = "dry_run", required = false) String dryRun,
      @RequestParam(name = "allow_duplicate", required = false) String allowDuplicate,
      @RequestParam(name = "profile", required = false) String profile,
      @RequestParam(name = "sheet", required = false) String sheetName,
      @RequestParam(name = "on_existing", required = false) String onExisting,
      @RequestParam(name = "partial", required = false) String partial,
      @RequestParam(name = "max_errors", required = false) String maxErrors,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @AuthenticationPrincipal Caller caller)
      throws IOException {
    UUID merchantId = merchants.actingFor(caller, merchantIdText);
    if (file == null) {
      throw ApiProblem.badRequest(
          "missing_file",
          "The request has no 'file' part. Send the CSV as multipart/form-data, e.g."
              + " curl -F file=@purchases.csv");
    }
    String sheet = cleanName(sheetName);
    Batch.Options options = intake.options(onExisting, flag("partial", partial), maxErrors);
    intake.check(merchantId, file.getSize(), file, sheet);
    NewBatch request =
        new NewBatch(
            merchantId,
            cleanName(batchName),
            cleanName(file.getOriginalFilename()),
            flag("dry_run", dryRun),
            idempotencyKey(idempotencyKey),
            intake.profileCopy(merchantId, profile),
            sheet,
            options);
    ImportIntake.Accepted accepted;
    try (InputStream content = file.getInputStream()) {
      accepted = intake.accept(request, content, flag("allow_duplicate", allowDuplicate));
    }
    Batch batch = accepted.batch();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/api/import/status/" + batch.id()))
        .header("Idempotent-Replayed", String.valueOf(accepted.replayed()))
        .body(BatchView.of(batch, List.of(), Instant.now(clock)));
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw ApiProblem.badRequest(
              "invalid_" + name, name + " must be true or false, not '" + value + "'.");
    };
  }

  private static String idempotencyKey(String key) {
    if (key == null || key.isBlank()) {
      return null;
    }
    if (key.length() > MAX_NAME_LENGTH) {
      throw ApiProblem.badRequest(
          "invalid_idempotency_key",
          "The Idempotency-Key header is longer than " + MAX_NAME_LENGTH + " characters.");
    }
    return key.strip();
  }

  /** Names are labels only: never used as paths, cut to a sane length, control characters out. */
  private static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String clean = name.strip().replaceAll("\\p{Cntrl}", "");
    return clean.length() > MAX_NAME_LENGTH ? clean.substring(0, MAX_NAME_LENGTH) : clean;
  }
}
