package crm.bulkimport.preview;

import crm.bulkimport.api.ApiProblem;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.csv.ColumnLayout;
import crm.bulkimport.csv.CsvFileProblem;
import crm.bulkimport.csv.CsvRow;
import crm.bulkimport.csv.PurchaseCsvReader;
import crm.bulkimport.formats.FileFormat;
import crm.bulkimport.formats.PurchaseFiles;
import crm.bulkimport.ledger.LedgerLoad;
import crm.bulkimport.ledger.LedgerLoader;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.profile.CrmKeys;
import crm.bulkimport.profile.ImportProfile;
import crm.bulkimport.profile.ImportProfiles;
import crm.bulkimport.profile.Presets;
import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import crm.bulkimport.upload.FileSniffer;
import crm.bulkimport.validation.LineValidator;
import crm.bulkimport.validation.PurchaseLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/import/preview}: what the service makes of a file, from its first megabyte (a
 * gzip file's: what of it decompresses; a workbook's: the whole file, the first or named sheet),
 * and the errors its first rows would have, checked against the database through the import's own
 * path in a transaction that is always rolled back. Stores nothing.
 */
@RestController
class PreviewController {

  /** The page sends a file's first megabyte; more is never read, whatever is sent. */
  static final int HEAD_BYTES = 1 << 20;

  static final int ROWS = 20;

  private final Merchants merchants;
  private final ImportProfiles profiles;
  private final CrmKeys keys;
  private final LedgerLoader ledger;
  private final TransactionTemplate transaction;
  private final PurchaseFiles formats;

  PreviewController(
      Merchants merchants,
      ImportProfiles profiles,
      CrmKeys keys,
      LedgerLoader ledger,
      PlatformTransactionManager transactions,
      PurchaseFiles formats) {
    this.merchants = merchants;
    this.profiles = profiles;
    this.keys = keys;
    this.ledger = ledger;
    this.transaction = new TransactionTemplate(transactions);
    this.formats = formats;
  }

  @PostMapping(path = "/api/import/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> preview(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "merchant_id", required = false) String merchantIdText,
      @RequestParam(name = "profile", required = false) String profileName,
      @RequestParam(name = "sheet", required = false) String sheet,
      @AuthenticationPrincipal Caller caller)
      throws IOException {
    UUID merchantId = merchants.actingFor(caller, merchantIdText);
    if (file == null) {
      throw ApiProblem.badRequest(
          "missing_file",
          "The request has no 'file' part. Send the file (or its first megabyte) as"
              + " multipart/form-data, e.g. curl -F file=@orders.csv");
    }
    FileFormat format;
    try (InputStream in = file.getInputStream()) {
      format = FileFormat.of(in.readNBytes(4));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    PurchaseCsvReader reader;
    boolean cut = false;
    if (format == FileFormat.ZIP) {
      // A workbook's head cannot be read on its own (a zip is read from its end): the whole file.
      answer.put("format", "xlsx");
      answer.put("encoding", "UTF-8");
      reader = formats.open(file.getInputStream(), sheet);
    } else {
      byte[] head;
      try (InputStream in = file.getInputStream()) {
        if (format == FileFormat.GZIP) {
          // The page may send a gzip file's first megabyte: what decompresses of it is the head.
          PurchaseFiles.Prefix prefix = PurchaseFiles.gzipPrefix(in, HEAD_BYTES);
          head = prefix.bytes();
          cut = prefix.cut();
        } else {
          head = in.readNBytes(HEAD_BYTES);
          cut = head.length == HEAD_BYTES && in.read() >= 0;
        }
      }
      if (head.length > 0 && format != FileFormat.GZIP) {
        // What the upload would refuse (binary data, text that is not UTF-8) the preview refuses
        // the same way, rather than showing its bytes as a header.
        FileSniffer.check(new ByteArrayInputStream(head));
      }
      if (cut) {
        head = upToLastLine(head);
      }
      answer.put("format", format == FileFormat.GZIP ? "csv.gz" : "csv");
      answer.put("encoding", encoding(head));
      reader = PurchaseCsvReader.open(new ByteArrayInputStream(head));
    }
    try (reader) {
      return preview(answer, reader, cut, merchantId, profileName, format == FileFormat.ZIP);
    }
  }

  private Map<String, Object> preview(
      Map<String, Object> answer,
      PurchaseCsvReader reader,
      boolean cut,
      UUID merchantId,
      String profileName,
      boolean workbook) {
    String delimiter = workbook ? null : String.valueOf(reader.delimiter());
    List<String> header;
    List<CsvRow> rows = new ArrayList<>();
    List<ImportError> problems = new ArrayList<>();
    try {
      header = reader.readHeaderRow();
      for (CsvRow row = reader.next(); row != null && rows.size() < ROWS; row = reader.next()) {
        rows.add(row);
      }
    } catch (CsvFileProblem problem) {
      if (rows.isEmpty() && !cut) {
        answer.put("delimiter", delimiter);
        answer.put("header", List.of());
        answer.put("rows", List.of());
        answer.put("suggestion", null);
        answer.put("problems", views(problem.errors()));
        return answer;
      }
      // A head cut mid-field ends early; what was read before it still tells.
      header = reader.headerRow();
      if (!cut) {
        problems.addAll(problem.errors());
      }
    }
    answer.put("delimiter", delimiter);
    answer.put("header", header);
    List<List<String>> values = rows.stream().map(CsvRow::fields).toList();
    answer.put("rows", values);

    ProfileSuggester.Suggestion suggestion = suggestion(merchantId, profileName, header, values);
    Map<String, Object> shown = new LinkedHashMap<>();
    if (suggestion.profileId() != null) {
      shown.put("profile_id", suggestion.profileId());
    }
    shown.putAll(suggestion.body());
    shown.put("unmapped", suggestion.unmapped());
    shown.put("ambiguities", suggestion.ambiguities());
    answer.put("suggestion", shown);
    if (suggestion.profile() != null) {
      problems.addAll(problems(reader, rows, suggestion.profile(), merchantId));
    }
    answer.put("problems", views(problems));
    return answer;
  }

  private ProfileSuggester.Suggestion suggestion(
      UUID merchantId, String profileName, List<String> header, List<List<String>> rows) {
    if (profileName != null && !profileName.isBlank()) {
      ImportProfiles.Chosen chosen = profiles.choose(merchantId, profileName);
      return new ProfileSuggester.Suggestion(
          crm.bulkimport.profile.ProfileRules.toBody(chosen.profile()),
          chosen.id(),
          chosen.profile(),
          List.of(),
          List.of());
    }
    List<ProfileSuggester.Candidate> candidates = new ArrayList<>();
    profiles
        .of(merchantId)
        .forEach(
            p -> candidates.add(new ProfileSuggester.Candidate(p.id().toString(), p.profile())));
    Presets.all()
        .forEach((name, preset) -> candidates.add(new ProfileSuggester.Candidate(name, preset)));
    return new ProfileSuggester(HeaderDictionary.standard(), keys.available())
        .suggest(header, rows, candidates);
  }

  /** The errors the rows would have: on their own, then against the merchant's data. */
  private List<ImportError> problems(
      PurchaseCsvReader reader, List<CsvRow> rows, ImportProfile profile, UUID merchantId) {
    ColumnLayout layout;
    try {
      layout = reader.layOut(profile);
    } catch (CsvFileProblem problem) {
      return problem.errors();
    }
    List<ImportError> errors = new ArrayList<>();
    LineValidator validator = new LineValidator(profile);
    List<PurchaseLine> lines = new ArrayList<>();
    for (CsvRow raw : rows) {
      PurchaseLine line =
          validator.validate(new CsvRow(raw.line(), raw.fields(), layout), errors::add);
      if (line != null) {
        lines.add(line);
      }
    }
    transaction.executeWithoutResult(
        status -> {
          status.setRollbackOnly();
          try {
            LedgerLoad load = ledger.beginTrial(merchantId, profile);
            for (PurchaseLine line : lines) {
              load.stage(line, errors::add);
            }
            load.endStaging(errors::add);
            load.checkAgainstDatabase(errors::add);
          } catch (SQLException | IOException e) {
            throw new IllegalStateException("The preview's checks failed: " + e.getMessage(), e);
          }
        });
    errors.sort(
        (a, b) ->
            Integer.compare(a.line() == null ? 0 : a.line(), b.line() == null ? 0 : b.line()));
    return errors;
  }

  private static List<BatchView.ErrorView> views(List<ImportError> errors) {
    return errors.stream().map(BatchView.ErrorView::of).toList();
  }

  /** The head without the line its end cut short. */
  private static byte[] upToLastLine(byte[] head) {
    for (int i = head.length - 1; i >= 0; i--) {
      if (head[i] == '\n') {
        return Arrays.copyOf(head, i + 1);
      }
    }
    return head;
  }

  private static String encoding(byte[] head) {
    boolean bom =
        head.length >= 3
            && head[0] == (byte) 0xEF
            && head[1] == (byte) 0xBB
            && head[2] == (byte) 0xBF;
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head));
    } catch (CharacterCodingException e) {
      return "not UTF-8 (probably Windows-1252 or Latin-1: save it as CSV UTF-8)";
    }
    return bom ? "UTF-8 with byte-order mark" : "UTF-8";
  }
}
