package crm.bulkimport.cli;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import crm.bulkimport.batch.Batch;
import crm.bulkimport.batch.BatchErrors;
import crm.bulkimport.batch.BatchLookup;
import crm.bulkimport.batch.BatchState;
import crm.bulkimport.batch.BatchStatus;
import crm.bulkimport.batch.BatchView;
import crm.bulkimport.batch.NewBatch;
import crm.bulkimport.config.DatabaseProperties;
import crm.bulkimport.config.DatabaseSetupProperties;
import crm.bulkimport.problem.ImportError;
import crm.bulkimport.problem.Refusal;
import crm.bulkimport.profile.ProfileProblem;
import crm.bulkimport.tenant.Merchants;
import crm.bulkimport.upload.DuplicateFile;
import crm.bulkimport.upload.FileSniffer;
import crm.bulkimport.upload.FileTooLarge;
import crm.bulkimport.upload.ImportIntake;
import crm.bulkimport.upload.UnfitFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * {@code import}: hands a CSV file to the same intake an upload uses (batch, stored file and
 * scheduled job in one commit), lets the durable job run (here, or on any service instance on the
 * same database), draws its progress on stderr and prints a summary on stdout.
 */
public final class ImportCommand {

  /** The batch completed (a dry run too). */
  static final int COMPLETED = 0;

  /** The batch failed or was cancelled; nothing of it was written. */
  static final int FAILED = 1;

  /** Refused before anything was stored: the arguments, the file or the merchant. */
  static final int REFUSED = 2;

  /** The command could not run, e.g. the database cannot be reached. */
  static final int COULD_NOT_RUN = 3;

  private static final String NAME = "import";
  private static final long POLL_MILLIS = 500;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  ImportCommand(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Whether the arguments ask for the command line rather than the service. */
  public static boolean isAskedFor(String[] args) {
    return args.length > 0 && args[0].equals(NAME);
  }

  /**
   * Runs {@code import} with the arguments that follow it and returns the exit status.
   *
   * @param application the Spring Boot application whose context does the work
   */
  public static int run(Class<?> application, String[] args) {
    PrintStream stdout = System.out;
    // Whatever the framework logs goes to stderr, so that stdout carries the summary alone.
    System.setOut(System.err);
    // Without a console (a pipe, a file, CI) a bar redrawn with carriage returns is only noise.
    boolean terminal = System.console() != null;
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return new ImportCommand(stdout, System.err, terminal).execute(application, rest);
  }

  int execute(Class<?> application, List<String> args) {
    ImportArguments.Parsed parsed = ImportArguments.parse(args);
    if (parsed instanceof ImportArguments.Help) {
      out.print(ImportArguments.USAGE);
      return COMPLETED;
    }
    if (parsed instanceof ImportArguments.Invalid invalid) {
      return refuse(
          invalid.message()
              + "\nUsage: "
              + NAME
              + " --merchant <uuid> --file <path.csv>"
              + " [--batch-name <name>] [--sheet <name>] [--dry-run] [--allow-duplicate]; see "
              + NAME
              + " --help.");
    }
    ImportArguments arguments = ((ImportArguments.Run) parsed).arguments();
    String fileProblem = problemWith(arguments.file());
    if (fileProblem != null) {
      return refuse(fileProblem);
    }
    err.println("Connecting to the database...");
    ConfigurableApplicationContext context;
    try {
      context = start(application);
    } catch (RuntimeException e) {
      err.println(NAME + ": could not start: " + rootMessage(e));
      return COULD_NOT_RUN;
    }
    try (context) {
      return importWith(context, arguments);
    } catch (IOException e) {
      err.println(NAME + ": could not read " + arguments.file() + ": " + e.getMessage());
      return COULD_NOT_RUN;
    } catch (RuntimeException e) {
      err.println(NAME + ": stopped by an unexpected problem: " + rootMessage(e));
      return COULD_NOT_RUN;
    }
  }

  /** The same first look an upload gets, before the database is even started. */
  static String problemWith(Path file) {
    if (!Files.exists(file)) {
      return "There is no file at " + file + ".";
    }
    if (!Files.isRegularFile(file)) {
      return file + " is not a regular file.";
    }
    if (!Files.isReadable(file)) {
      return "Cannot read " + file + " (permission denied).";
    }
    try (InputStream head = Files.newInputStream(file)) {
      FileSniffer.check(head);
      return null;
    } catch (UnfitFile problem) {
      return said(problem);
    } catch (IOException e) {
      return "Cannot read " + file + ": " + e.getMessage();
    }
  }

  /** The application without its web server: same database settings, same scheduler. */
  private static ConfigurableApplicationContext start(Class<?> application) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        // Defaults only: LOGGING_LEVEL_ROOT=INFO and the like still show more.
        .properties(
            "logging.level.root=WARN",
            // Webhooks and emails are the service's to deliver, with its SMTP and webhook
            // settings; this process only schedules them for it.
            "importer.deliver-notifications=false",
            // This process serves no HTTP, so its admin key (generated when unset) means nothing.
            "logging.level.crm.bulkimport.tenant.AdminKey=ERROR")
        .run();
  }

  private int importWith(ConfigurableApplicationContext context, ImportArguments arguments)
      throws IOException {
    Path file = arguments.file();
    ImportIntake intake = context.getBean(ImportIntake.class);
    try {
      intake.check(
          arguments.merchantId(),
          Files.size(file),
          () -> Files.newInputStream(file),
          arguments.sheet());
    } catch (FileTooLarge tooLarge) {
      if (Files.size(file) <= tooLarge.limit().toBytes()) {
        // Its content unpacks to more: the message says so.
        return refuse(said(tooLarge) + " Or raise the limit for this run.");
      }
      return refuse(
          "The file is larger than the "
              + readable(tooLarge.limit())
              + " limit (IMPORTER_MAX_FILE_SIZE). Split it into smaller files and import each,"
              + " or raise the limit for this run. ("
              + tooLarge.code()
              + ")");
    } catch (Refusal refusal) {
      return refuse(said(refusal));
    }
    Merchants merchants = context.getBean(Merchants.class);
    Batch.ProfileCopy profile;
    Batch.Options options;
    try {
      profile = intake.profileCopy(arguments.merchantId(), arguments.profile());
      options = intake.options(arguments.onExisting(), arguments.partial(), arguments.maxErrors());
    } catch (ProfileProblem problem) {
      return refuse(problem.getMessage() + " (" + problem.code() + ")");
    } catch (Refusal refusal) {
      return refuse(said(refusal));
    }
    NewBatch request =
        new NewBatch(
            arguments.merchantId(),
            arguments.batchName(),
            ImportArguments.cleanName(file.getFileName().toString()),
            arguments.dryRun(),
            null,
            profile,
            arguments.sheet(),
            options);
    ImportIntake.Accepted accepted;
    try (InputStream content = new BufferedInputStream(Files.newInputStream(file))) {
      accepted = intake.accept(request, content, arguments.allowDuplicate());
    } catch (DuplicateFile duplicate) {
      return refuse(
          "This merchant already has batch "
              + duplicate.earlier()
              + " with exactly this file. To import it again anyway, add --allow-duplicate. ("
              + duplicate.code()
              + ")");
    } catch (Refusal refusal) {
      return refuse(said(refusal));
    }
    UUID batchId = accepted.batch().id();
    err.println(
        "Batch "
            + batchId
            + ": "
            + (arguments.dryRun() ? "checking (dry run) " : "importing ")
            + file
            + " for "
            + merchants.name(arguments.merchantId())
            + " ("
            + arguments.merchantId()
            + ")");
    Batch finished = follow(context, batchId);
    finishWorkThisProcessTookOn(context.getBean(Scheduler.class), batchId);
    List<ImportError> firstErrors =
        context.getBean(BatchErrors.class).first(batchId, ImportSummary.ERRORS_SHOWN);
    out.print(ImportSummary.of(finished, file.toString(), firstErrors));
    if (throwaway(context)) {
      out.println(
          "(The embedded demo database ends with this command, and the batch with it: set"
              + " DATABASE_URL, or IMPORTER_EMBEDDED_DATA_DIR to keep it.)");
    }
    out.flush();
    return finished.state() == BatchState.COMPLETED ? COMPLETED : FAILED;
  }

  /** Polls the batch until it is finished, drawing its progress. */
  private Batch follow(ConfigurableApplicationContext context, UUID batchId) {
    BatchLookup batches = context.getBean(BatchLookup.class);
    BatchStatus status = context.getBean(BatchStatus.class);
    Clock clock = context.getBean(Clock.class);
    ProgressDisplay display = new ProgressDisplay(err, terminal);
    InterruptNotice notice = new InterruptNotice(err, batchId, throwaway(context));
    Runtime.getRuntime().addShutdownHook(notice);
    try {
      while (true) {
        Batch batch =
            batches
                .find(batchId)
                .orElseThrow(() -> new IllegalStateException("Batch " + batchId + " is gone"));
        BatchView.ProgressView progress = status.progressOf(batch).progress();
        if (!notice.shown) {
          display.show(batch.state().value(), progress, clock.millis());
        }
        if (batch.state().finished()) {
          display.end();
          notice.finished = true;
          return batch;
        }
        sleep(POLL_MILLIS);
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(notice);
      } catch (IllegalStateException shuttingDown) {
        // Already on the way out: the notice says what it must.
      }
    }
  }

  /**
   * This process's scheduler may have picked up other batches while it ran: let them finish, so
   * that they are not left to wait for another instance to notice this one is gone.
   */
  private void finishWorkThisProcessTookOn(Scheduler scheduler, UUID ours) {
    scheduler.pause();
    long others = othersRunning(scheduler, ours);
    if (others > 0) {
      err.println(
          "This process also took on "
              + others
              + " other import(s); finishing them before it exits (Ctrl-C leaves them to the"
              + " service instances on this database).");
    }
    while (!scheduler.getCurrentlyExecuting().isEmpty()) {
      sleep(200);
    }
  }

  private static long othersRunning(Scheduler scheduler, UUID ours) {
    return scheduler.getCurrentlyExecuting().stream()
        .map(CurrentlyExecuting::getTaskInstance)
        .filter(instance -> !instance.getId().equals(ours.toString()))
        .count();
  }

  private static String readable(DataSize size) {
    long bytes = size.toBytes();
    return bytes % (1 << 20) == 0 ? size.toMegabytes() + "MB" : bytes + " bytes";
  }

  /** Whether the database is the embedded one that is thrown away when this process ends. */
  private static boolean throwaway(ConfigurableApplicationContext context) {
    return context.getBean(DatabaseProperties.class).embedded()
        && context.getBean(DatabaseSetupProperties.class).keepsNoEmbeddedData();
  }

  /** A refusal as the command line says it: the message, then its code for scripts and searches. */
  private static String said(Refusal refusal) {
    return refusal.getMessage() + " (" + refusal.code() + ")";
  }

  private int refuse(String message) {
    err.println(NAME + ": " + message);
    return REFUSED;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the import", e);
    }
  }

  /** The deepest database message if there is one (it names host and port), else the root's. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String database = null;
    while (t.getCause() != null && t.getCause() != t) {
      if (t instanceof SQLException) {
        database = t.getMessage();
      }
      t = t.getCause();
    }
    if (t instanceof SQLException) {
      database = t.getMessage();
    }
    if (database != null) {
      return database;
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * Said on Ctrl-C while the batch runs: the batch is durable, so stopping this process loses
   * nothing and writes nothing half; another instance, or the next one to start, finishes it.
   */
  private static final class InterruptNotice extends Thread {
    private final PrintStream err;
    private final UUID batchId;
    private final boolean throwaway;
    volatile boolean finished;
    volatile boolean shown;

    InterruptNotice(PrintStream err, UUID batchId, boolean throwaway) {
      super("import-interrupted");
      this.err = err;
      this.batchId = batchId;
      this.throwaway = throwaway;
    }

    @Override
    public void run() {
      if (finished) {
        return;
      }
      shown = true;
      err.println();
      if (throwaway) {
        err.println(
            "Stopped. Batch "
                + batchId
                + " was in the embedded demo database, which ends with this process; nothing"
                + " else was touched.");
        err.flush();
        return;
      }
      err.println(
          "Stopped waiting for batch "
              + batchId
              + ". Its import is durable: nothing is lost and nothing is ever half written. If it"
              + " was running here, it gets a few seconds to finish; if not, it is rolled back and"
              + " continues in the background on a service instance on this database (or the next"
              + " one to start). Check it with:");
      err.println("  GET /api/import/status/" + batchId);
      err.flush();
    }
  }
}
