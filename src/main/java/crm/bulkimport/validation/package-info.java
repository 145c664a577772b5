/**
 * Checking one CSV row on its own: types, formats and ranges, turning raw text into a typed {@link
 * crm.bulkimport.validation.PurchaseLine} or into errors with stable codes and the row's line.
 * Plain code over records, no I/O; the checks that need the database live in the ledger.
 */
package crm.bulkimport.validation;
