package bench;

/** The fields of a batch status the benchmark needs, plus the raw JSON for error messages. */
record BatchStatus(String status, String phase, Long rowsDone, Long totalRows, Long purchases,
    Long items, Long errorCount, boolean partial, Long skippedPurchases, Long rejectedPurchases,
    Long rejectedRows, String json) {

  static BatchStatus parse(String json) {
    if (Json.field(json, "status") == null) {
      throw new BenchmarkFailure("a batch status without a status: " + json);
    }
    return new BatchStatus(Json.field(json, "status"), Json.field(json, "phase"),
        Json.longField(json, "rows_done"), Json.longField(json, "total_rows"),
        Json.longField(json, "purchases_count"), Json.longField(json, "items_count"),
        Json.longField(json, "error_count"), "true".equals(Json.field(json, "partial")),
        Json.longField(json, "skipped_purchases"), Json.longField(json, "rejected_purchases"),
        Json.longField(json, "rejected_rows"), json);
  }

  /** The JSON for a message: its first 2,000 characters, which a list of errors can pass. */
  String excerpt() {
    return json.length() > 2_000 ? json.substring(0, 2_000) + " ..." : json;
  }

  /** What changes while an import moves on: its stage and the rows it has read. */
  String progress() {
    return stage() + " " + rowsDone;
  }

  boolean finished() {
    return !"pending".equals(status) && !"processing".equals(status);
  }

  /** The stage the batch is in: "queued", the service's own phase while processing, or done. */
  String stage() {
    return switch (status) {
      case "pending" -> "queued";
      case "processing" -> phase == null ? "processing" : phase;
      default -> status;
    };
  }
}
