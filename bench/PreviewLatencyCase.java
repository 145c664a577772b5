package bench;

import static bench.Figures.median;
import static bench.Figures.millis;
import static bench.ProgressLog.log;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * How long the import page waits for {@code POST /api/import/preview} of a file's first megabyte:
 * a merchant's own export, for a merchant with the profile that reads it saved, so the preview
 * goes the whole way (the header matched to the profile, the first rows checked against the
 * database).
 */
final class PreviewLatencyCase {
  /** What the import page sends of a file, and all the service reads of it. */
  static final int HEAD_BYTES = 1 << 20;
  static final int RUNS = 10;

  private final ServiceApi service;
  private final Merchants merchants;
  private final MerchantExportCsv exports;

  PreviewLatencyCase(ServiceApi service, Merchants merchants, MerchantExportCsv exports) {
    this.service = service;
    this.merchants = merchants;
    this.exports = exports;
  }

  /** One first preview, then {@link #RUNS} back to back, each timed from request to answer. */
  Result measure(DataSet data) throws Exception {
    log("Preview: the first %,d bytes of a %,d-line export, %d runs after a first one",
        HEAD_BYTES, data.lines(), RUNS);
    Merchant merchant = merchants.create("preview");
    UUID profileId = service.createProfile(MerchantExportCsv.profileBody(merchant.id()));
    Path csv = exports.write(data);
    byte[] head;
    try (InputStream in = Files.newInputStream(csv)) {
      head = in.readNBytes(HEAD_BYTES);
    } finally {
      Files.deleteIfExists(csv);
    }
    double first = timedPreview(merchant, profileId, head);
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      millis.add(timedPreview(merchant, profileId, head));
    }
    Result result = new Result(data.lines(), head.length, linesAfterHeader(head), first, millis);
    log("  first %s ms; then median %s ms, max %s ms", millis(first),
        millis(result.medianMillis()), millis(result.maxMillis()));
    return result;
  }

  /**
   * Milliseconds to the answer, which must be the one the page would show: the saved profile
   * suggested and no problem in the rows, not an error answered fast.
   */
  private double timedPreview(Merchant merchant, UUID profileId, byte[] head) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = service.preview(merchant.id(), "export.csv", head);
    double millis = (System.nanoTime() - start) / 1e6;
    String body = answer.body();
    if (answer.statusCode() != 200
        || !profileId.toString().equals(Json.field(body, "profile_id"))
        || !body.replaceAll("\\s", "").contains("\"problems\":[]")) {
      throw new BenchmarkFailure("expected the preview to answer 200 suggesting profile "
          + profileId + " with no problems; it answered " + answer.statusCode() + ": "
          + (body.length() > 2000 ? body.substring(0, 2000) + " ..." : body));
    }
    return millis;
  }

  /** Whole lines only: the service drops the one the megabyte's end cuts short. */
  private static int linesAfterHeader(byte[] head) {
    int lines = 0;
    for (byte b : head) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines - 1;
  }

  record Result(int lines, int bytesSent, int headLines, double firstMillis,
      List<Double> millis) {

    double medianMillis() {
      return median(millis);
    }

    double maxMillis() {
      return Collections.max(millis);
    }
  }
}
