package crm.bulkimport.csv;

import java.util.BitSet;

/**
 * Which fields of a row came from typed cells rather than text: a workbook's numbers, written as
 * plain decimals of their exact value, and its dates, written as ISO local date-times. They are
 * read as such whatever a profile says about the text of numbers and dates.
 */
public final class TypedCells {

  private final BitSet numbers = new BitSet();
  private final BitSet dates = new BitSet();

  public void number(int index) {
    numbers.set(index);
  }

  public void date(int index) {
    dates.set(index);
  }

  public boolean isNumber(int index) {
    return index >= 0 && numbers.get(index);
  }

  public boolean isDate(int index) {
    return index >= 0 && dates.get(index);
  }
}
