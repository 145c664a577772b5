/**
 * The ways into the one row stream: a CSV text as it is, a gzip-compressed CSV decompressed as it
 * is read, and an {@code .xlsx} workbook's sheet read as a stream of rows. Each is told apart by
 * its content, not its name, and each yields the same header row and rows to the same {@code csv}
 * reader, so that profiles, checks, staging and errors never know which it was. Compressed forms
 * are held to the decompressed size allowed, and hostile archives are refused as the file's error.
 */
package crm.bulkimport.formats;
