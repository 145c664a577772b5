package crm.bulkimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each package under {@code crm.bulkimport} is a module. Their dependencies must run one way and
 * only through the types a module makes public in its own package, so that a cycle or a reach into
 * another module's internals fails the build rather than waiting for a review to find it.
 */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(BulkImportApplication.class);
  static final Path DIAGRAMS = Path.of("docs", "modules");

  @Test
  void modules_depend_on_each_other_one_way_and_only_through_their_public_types() {
    MODULES.verify();
  }

  /** Written by the build, so the diagrams the README links to are the code's, not a drawing's. */
  @Test
  void the_module_diagrams_in_docs_modules_are_written_from_the_code() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DIAGRAMS.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml();
    try (Stream<Path> files = Files.list(DIAGRAMS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
        sortRelations(file);
      }
    }
  }

  /**
   * The Documenter lists relations in no fixed order; sorted, a diagram changes in git only when
   * the module graph does.
   */
  private static void sortRelations(Path diagram) throws IOException {
    List<String> lines = Files.readAllLines(diagram);
    List<String> relations =
        lines.stream().filter(line -> line.startsWith("Rel(")).sorted().toList();
    List<String> sorted = new ArrayList<>();
    Iterator<String> next = relations.iterator();
    for (String line : lines) {
      sorted.add(line.startsWith("Rel(") ? next.next() : line);
    }
    Files.write(diagram, sorted);
  }
}
