package bench;

import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** How fast status and the batch list answer while a large import runs. */
final class StatusLatencyCase {
  private final ServiceApi service;
  private final Merchants merchants;
  private final DataFiles files;
  private final ServiceImports imports;

  StatusLatencyCase(ServiceApi service, Merchants merchants, DataFiles files,
      ServiceImports imports) {
    this.service = service;
    this.merchants = merchants;
    this.files = files;
    this.imports = imports;
  }

  /**
   * A separate import of the largest case with clients asking for status and the batch list back
   * to back, so that the probe's load does not distort the timings of the other cases.
   */
  Result measure(DataSet data) throws Exception {
    log("Status latency: %d clients polling during an import of %,d lines", LatencyProbe.CLIENTS,
        data.lines());
    Merchant merchant = merchants.create("status latency");
    Path csv = files.importCsv(data, merchant, false);
    try {
      LatencyProbe probe = new LatencyProbe(service, merchant.id());
      ImportRun run;
      try {
        run = new TimedImport(service).run(merchant.id(), csv, probe::start);
      } finally {
        probe.stop();
      }
      imports.expectImported(run, data, merchant);
      Result result = new Result(data.lines(), run.seconds(), probe.stats());
      log("  import took %s s with the probe running; %s", seconds(run.seconds()),
          result.stats().stream().map(LatencyStats::summary).collect(Collectors.joining("; ")));
      return result;
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  record Result(int lines, double importSeconds, List<LatencyStats> stats) {}
}
