/**
 * What can be wrong with an upload, in one vocabulary every step of an import shares: the stable
 * {@link crm.bulkimport.problem.ErrorCode}s, one {@link crm.bulkimport.problem.ImportError} with
 * its line and column, and the {@link crm.bulkimport.problem.ErrorCollector} they are reported to.
 * It depends on nothing else in the service, so that reading, checking and loading may all use it.
 */
package crm.bulkimport.problem;
