package crm.bulkimport.upload;

import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.batch.DuplicateFiles;
import crm.bulkimport.batch.NewBatch;
import crm.bulkimport.batch.OnExisting;
import crm.bulkimport.batch.PendingBatches;
import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.filestore.StoredFiles;
import crm.bulkimport.formats.FileFormat;
import crm.bulkimport.formats.PurchaseFiles;
import crm.bulkimport.job.ImportJobs;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.ImportProfiles;
import crm.bulkimport.profile.ProfileJson;
import crm.bulkimport.tenant.Merchants;
import crm.bulkimport.tenant.UnknownMerchant;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Takes in a file, from an upload or the command line alike: turns away what cannot be imported,
 * and stores the rest with its batch and its scheduled import as one commit.
 */
@Service
public class ImportIntake {

  private final PendingBatches pending;
  private final DuplicateFiles duplicates;
  private final BatchLookup batches;
  private final StoredFiles files;
  private final ImportJobs jobs;
  private final Merchants merchants;
  private final DataSize maxFileSize;
  private final ImportProfiles profiles;
  private final PurchaseFiles formats;
  private final int partialMaxErrors;

  /** The {@code max_errors} of a partial import that does not say. */
  public static final int DEFAULT_MAX_ERRORS = 1000;

  ImportIntake(
      PendingBatches pending,
      DuplicateFiles duplicates,
      BatchLookup batches,
      StoredFiles files,
      ImportJobs jobs,
      Merchants merchants,
      UploadProperties properties,
      ImportProfiles profiles,
      PurchaseFiles formats) {
    this.pending = pending;
    this.duplicates = duplicates;
    this.batches = batches;
    this.files = files;
    this.jobs = jobs;
    this.merchants = merchants;
    this.maxFileSize = properties.maxFileSize();
    this.partialMaxErrors = properties.partialMaxErrors();
    this.formats = formats;
    this.profiles = profiles;
  }

  /**
   * The profile a request names (a saved profile's id or a preset's name), copied whole for its
   * batch; null, for a file in the contract's own columns, when it names none.
   *
   * @throws crm.bulkimport.profile.ProfileProblem {@code unknown_profile} or {@code unknown_key}
   */
  public Batch.ProfileCopy profileCopy(UUID merchantId, String profile) {
    if (profile == null || profile.isBlank()) {
      return null;
    }
    ImportProfiles.Chosen chosen = profiles.choose(merchantId, profile);
    return new Batch.ProfileCopy(
        chosen.id(), chosen.profile().name(), ProfileJson.write(chosen.profile()));
  }

  /**
   * The second-chance options of a request, checked: {@code on_existing} ({@code fail}, the
   * default, or {@code skip}), and {@code max_errors}, which only a partial import takes (default
   * {@value #DEFAULT_MAX_ERRORS}, at most {@code IMPORTER_PARTIAL_MAX_ERRORS}).
   *
   * @throws InvalidOption {@code invalid_on_existing} or {@code invalid_max_errors}
   */
  public Batch.Options options(String onExisting, boolean partial, String maxErrors) {
    OnExisting existing = OnExisting.FAIL;
    if (onExisting != null && !onExisting.isBlank()) {
      existing =
          OnExisting.parse(onExisting)
              .orElseThrow(
                  () ->
                      new InvalidOption(
                          "on_existing",
                          "on_existing must be 'fail' (a purchase already in the ledger is an"
                              + " error) or 'skip' (one already there, identical, is skipped),"
                              + " not '"
                              + onExisting.strip()
                              + "'."));
    }
    if (maxErrors == null || maxErrors.isBlank()) {
      return new Batch.Options(existing, partial, partial ? DEFAULT_MAX_ERRORS : null);
    }
    if (!partial) {
      throw new InvalidOption(
          "max_errors",
          "max_errors is the most errors a partial import may leave out; it needs partial=true."
              + " Without it an import is all or nothing.");
    }
    int limit;
    try {
      limit = Integer.parseInt(maxErrors.strip());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 0 || limit > partialMaxErrors) {
      throw new InvalidOption(
          "max_errors",
          "max_errors must be a whole number from 0 to "
              + partialMaxErrors
              + " (IMPORTER_PARTIAL_MAX_ERRORS), not '"
              + maxErrors.strip()
              + "'.");
    }
    return new Batch.Options(existing, true, limit);
  }

  /** The batch an upload made, or the earlier one its idempotency key names. */
  public record Accepted(Batch batch, boolean replayed) {}

  /**
   * Turns away, before anything is stored, a file that cannot be imported for this merchant; the
   * checks in this order. A compressed file is read through once here, as the import will read it,
   * so that one unpacking to more than the limit is refused now rather than failed later.
   *
   * @param content the file's content, opened afresh for each look at it (the intake closes it)
   * @param sheet the workbook's sheet the upload names, or null
   * @throws FileTooLarge when the file, or what it unpacks to, is over {@code
   *     IMPORTER_MAX_FILE_SIZE}
   * @throws UnknownMerchant when there is no such merchant
   * @throws UnfitFile when the content cannot be a purchase file
   * @throws UnknownSheet when the sheet is not one of the workbook's, or the file has no sheets
   */
  public void check(UUID merchantId, long size, InputStreamSource content, String sheet)
      throws IOException {
    if (size > maxFileSize.toBytes()) {
      throw new FileTooLarge(maxFileSize);
    }
    merchants.requireExisting(merchantId);
    FileFormat format;
    try (InputStream head = content.getInputStream()) {
      format = FileSniffer.check(head);
    }
    if (sheet != null && format != FileFormat.ZIP) {
      throw new UnknownSheet(
          "The file is "
              + (format == FileFormat.GZIP ? "a gzip-compressed CSV file" : "a CSV file")
              + ", which has no sheets; leave out the sheet, or upload the workbook.");
    }
    try (InputStream whole = content.getInputStream()) {
      formats.check(whole, format, sheet);
    } catch (UnreadableInput e) {
      throw refusal(e.error());
    }
  }

  private RuntimeException refusal(ImportError error) {
    return switch (error.code()) {
      case "file_too_large" -> new FileTooLarge(maxFileSize, error.message());
      case "unknown_sheet" -> new UnknownSheet(error.message());
      default -> new UnfitFile(error.code(), error.message());
    };
  }

  /**
   * Stores the file and schedules its import.
   *
   * @throws DuplicateFile when the merchant already has a pending, processing or completed batch of
   *     the same contents and {@code allowDuplicate} is false; nothing is stored then
   */
  @Transactional
  public Accepted accept(NewBatch request, InputStream content, boolean allowDuplicate)
      throws IOException {
    UUID batchId = UUID.randomUUID();
    if (!pending.createPending(batchId, request)) {
      return new Accepted(
          pending
              .findByIdempotencyKey(request.merchantId(), request.idempotencyKey())
              .orElseThrow(),
          true);
    }
    StoredFiles.Stored stored = files.store(batchId, content);
    pending.recordFile(batchId, stored.size(), stored.sha256());
    if (!allowDuplicate && !request.dryRun()) {
      Optional<UUID> earlier = duplicates.sameFile(request.merchantId(), stored.sha256(), batchId);
      if (earlier.isPresent()) {
        throw new DuplicateFile(earlier.get());
      }
    }
    jobs.schedule(request.merchantId());
    return new Accepted(batches.find(batchId).orElseThrow(), false);
  }
}
