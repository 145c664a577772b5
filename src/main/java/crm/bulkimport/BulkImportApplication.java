package crm.bulkimport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the purchase import service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulkImportApplication {

  public static void main(String[] args) {
    SpringApplication.run(BulkImportApplication.class, args);
  }
}
