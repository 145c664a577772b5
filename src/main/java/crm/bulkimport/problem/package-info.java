/**
 * What can be wrong, in one vocabulary every module shares: the stable {@link
 * crm.bulkimport.problem.ErrorCode}s of a file's content, one {@link
 * crm.bulkimport.problem.ImportError} with its line and column, the {@link
 * crm.bulkimport.problem.ErrorCollector} they are reported to, and {@link
 * crm.bulkimport.problem.Refusal}, the typed problem a module raises when it turns a request down
 * and that each edge (HTTP, command line) answers in its own way. It depends on nothing else in the
 * service, so that every module may use it.
 */
package crm.bulkimport.problem;
