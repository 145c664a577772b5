package crm.bulkimport.problem;

/** Where errors go as they are found; an import keeps every one, not just the first. */
@FunctionalInterface
public interface ErrorCollector {
  void add(ImportError error);
}
