/**
 * The benchmark behind docs/PERFORMANCE.md, compiled and run by {@code bench/run}; it needs
 * nothing beyond the JDK, pgJDBC, Apache POI (to write a workbook) and psql.
 * {@link bench.Benchmark} starts the service ({@code ServiceProcess}, reached through
 * {@code ServiceApi}) and runs the cases in turn: the import against a raw COPY of the same rows
 * ({@code ImportAgainstCopyCase}, {@code RawCopy}), status latency during an import, several
 * merchants at once, the SQL function against a row-by-row loop, a merchant's own export by email
 * and SKU code through a profile ({@code ImportByKeysCase}, {@code MerchantExportCsv}), the same
 * rows as gzip CSV and as an .xlsx workbook ({@code FileFormatsCase}, {@code ImportWorkbook}), a
 * re-run that skips every purchase and a partial import of a file with bad rows
 * ({@code SecondChancesCase}, {@code SecondChanceImports}), the preview of a file's first
 * megabyte ({@code PreviewLatencyCase}), and last issue 12's soak ({@code SoakCase}): a second
 * instance beside the benchmark's, uploads of a {@code SoakPlan} sent to both in turn
 * ({@code AlternatingInstances}), the second killed and started again, status followed meanwhile
 * ({@code LiveStatusPollers}) and db-scheduler's table read ({@code ExecutionTimes},
 * {@code DeadExecutionWatch}), then the ledger audited ({@code ExactlyOnceAudit}) and small
 * files' waits measured ({@code QueueWaits}); {@code --only} picks some of them. Every case generates
 * its rows with {@code DataSet}, writes them in each loader's shape with {@code DataFiles}, times
 * imports with {@code TimedImport} and checks the ledger through {@code Merchants};
 * {@code Report} turns the results into the console summary and the Markdown file
 * ({@code ProfileSection}, {@code FormatsSection} and {@code SecondChancesSection} their parts).
 */
package bench;
