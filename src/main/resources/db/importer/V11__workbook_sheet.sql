-- The sheet of a workbook the upload named (null: the first sheet, or a CSV file). The file's own
-- form (CSV, gzip, workbook) is not stored: the import tells it from the content, as the upload did.
alter table bulk_import_batches add column sheet text;
