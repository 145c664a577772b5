package crm.bulkimport;

import crm.bulkimport.cli.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the purchase import service; {@code import …} runs the operator's command line instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulkImportApplication {

  public static void main(String[] args) {
    if (ImportCommand.isAskedFor(args)) {
      System.exit(ImportCommand.run(BulkImportApplication.class, args));
    }
    SpringApplication.run(BulkImportApplication.class, args);
  }
}
