package crm.bulkimport;

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

  @Test
  void modules_depend_on_each_other_one_way_and_only_through_their_public_types() {
    MODULES.verify();
  }

  /** Written by the build, so the diagrams the README links to are the code's, not a drawing's. */
  @Test
  void the_module_diagrams_in_docs_modules_are_written_from_the_code() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml();
  }
}
