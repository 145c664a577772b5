package bench;

import static bench.Figures.median;
import static bench.Figures.seconds;
import static bench.ProgressLog.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Several merchants importing at once against one merchant alone. */
final class ConcurrencyCase {
  static final int MERCHANTS = 3;

  private final ServiceApi service;
  private final Merchants merchants;
  private final DataFiles files;
  private final ServiceImports imports;

  ConcurrencyCase(ServiceApi service, Merchants merchants, DataFiles files,
      ServiceImports imports) {
    this.service = service;
    this.merchants = merchants;
    this.files = files;
    this.imports = imports;
  }

  /** One merchant's file alone, then several merchants uploading at the same moment. */
  Result measure(DataSet data, int runs) throws Exception {
    log("Concurrency: 1 merchant vs %d merchants at once, %,d lines each, %d run(s)",
        MERCHANTS, data.lines(), runs);
    List<Double> alone = new ArrayList<>();
    List<SimultaneousImports> together = new ArrayList<>();
    long peakHeapAlone = 0;
    long peakHeapTogether = 0;
    for (int run = 1; run <= runs; run++) {
      ImportRun single = imports.importForFreshMerchant(data, false);
      alone.add(single.seconds());
      peakHeapAlone = Math.max(peakHeapAlone, single.peakHeapBytes());
      SimultaneousImports many = importSimultaneously(data, MERCHANTS);
      together.add(many);
      peakHeapTogether = Math.max(peakHeapTogether, many.peakHeapBytes());
      log("  run %d/%d: 1 merchant %s s; %d merchants %s s (each: %s)", run, runs,
          seconds(single.seconds()), MERCHANTS, seconds(many.seconds()),
          many.each().stream().map(r -> seconds(r.seconds()) + " s")
              .collect(Collectors.joining(", ")));
    }
    together.sort(Comparator.comparingDouble(SimultaneousImports::seconds));
    SimultaneousImports typical = together.get((together.size() - 1) / 2);
    List<Double> eachBatch = typical.each().stream().map(ImportRun::seconds).sorted().toList();
    return new Result(data.lines(), MERCHANTS, median(alone),
        median(together.stream().map(SimultaneousImports::seconds).toList()), eachBatch,
        peakHeapAlone, peakHeapTogether, runs);
  }

  record SimultaneousImports(double seconds, List<ImportRun> each, long peakHeapBytes) {}

  /** One file per fresh merchant, all uploads released at the same instant; timed to the last. */
  private SimultaneousImports importSimultaneously(DataSet data, int count) throws Exception {
    List<Merchant> group = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Merchant merchant = merchants.create("concurrent import " + (i + 1));
      group.add(merchant);
      csvs.add(files.importCsv(data, merchant, false));
    }
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ImportRun>> pending = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Merchant merchant = group.get(i);
        Path csv = csvs.get(i);
        pending.add(pool.submit(() -> {
          go.await();
          return new TimedImport(service).run(merchant.id(), csv, batchId -> {});
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      List<ImportRun> runs = new ArrayList<>();
      for (Future<ImportRun> future : pending) {
        runs.add(future.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int i = 0; i < count; i++) {
        imports.expectImported(runs.get(i), data, group.get(i));
      }
      long peak = runs.stream().mapToLong(ImportRun::peakHeapBytes).max().orElse(0);
      return new SimultaneousImports(seconds, runs, peak);
    } finally {
      pool.shutdownNow();
      for (Path csv : csvs) {
        Files.deleteIfExists(csv);
      }
    }
  }

  record Result(int linesEach, int merchants, double aloneSeconds, double togetherSeconds,
      List<Double> eachBatchSeconds, long peakHeapAlone, long peakHeapTogether, int runs) {

    double aloneLinesPerSecond() {
      return linesEach / aloneSeconds;
    }

    double togetherLinesPerSecond() {
      return (double) linesEach * merchants / togetherSeconds;
    }
  }
}
