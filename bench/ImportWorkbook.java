package bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The rows of {@link DataFiles#importCsv} as a shop's {@code .xlsx} export has them: one sheet, a
 * header row of the contract's columns, one row per item; dates as date cells (the UTC date-time
 * as a serial number in a date format), amounts and quantities as number cells, text in the shared
 * strings table as Excel writes it. Written with Apache POI's streaming {@code SXSSFWorkbook}, so
 * that a million rows need not fit in the benchmark's heap.
 */
final class ImportWorkbook {
  /** Rows SXSSF keeps in memory; older ones go to its temporary sheet file. */
  private static final int ROWS_IN_MEMORY = 1_000;

  private final Path dir;

  ImportWorkbook(Path dir) {
    this.dir = dir;
  }

  Path write(DataSet data, Merchant merchant) throws IOException {
    Path file = Files.createTempFile(dir, "purchases-", ".xlsx");
    String prefix = DataFiles.transactionPrefix();
    // Shared strings, compressed temporary files: the shared strings table (the purchases'
    // numbers, the merchant's UUIDs) is what stays in this heap, the rows go through the disk.
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, ROWS_IN_MEMORY, true, true)) {
      // SXSSF's default zip layout (a Zip64 data descriptor after every part), as server-side
      // exports written with it have.
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      CellStyle moneyStyle = workbook.createCellStyle();
      moneyStyle.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
      Sheet sheet = workbook.createSheet("Orders");
      Row header = sheet.createRow(0);
      for (int column = 0; column < DataFiles.IMPORT_COLUMNS.size(); column++) {
        header.createCell(column).setCellValue(DataFiles.IMPORT_COLUMNS.get(column));
      }
      for (int p = 0; p < data.purchases(); p++) {
        LocalDateTime date = LocalDateTime.ofEpochSecond(data.epochSecond()[p], 0, ZoneOffset.UTC);
        String user = merchant.users()[data.userIndex()[p]].toString();
        double finalAmount = data.finalAmountCents(p) / 100.0;
        for (int item = data.firstItem()[p]; item < data.firstItem()[p + 1]; item++) {
          Row row = sheet.createRow(item + 1);
          row.createCell(0).setCellValue(prefix + (p + 1));
          styled(row.createCell(1), dateStyle).setCellValue(date);
          row.createCell(2).setCellValue(user);
          styled(row.createCell(3), moneyStyle).setCellValue(finalAmount);
          row.createCell(4).setCellValue(merchant.skus()[data.skuIndex()[item]].toString());
          row.createCell(5).setCellValue(data.quantity()[item]);
          styled(row.createCell(6), moneyStyle).setCellValue(data.unitPriceCents()[item] / 100.0);
          styled(row.createCell(7), moneyStyle).setCellValue(data.lineTotalCents(item) / 100.0);
        }
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        workbook.write(out);
      }
    }
    return file;
  }

  private static Cell styled(Cell cell, CellStyle style) {
    cell.setCellStyle(style);
    return cell;
  }
}
