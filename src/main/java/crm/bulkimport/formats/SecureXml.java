package crm.bulkimport.formats;

import crm.bulkimport.csv.UnreadableInput;
import crm.bulkimport.problem.ErrorCode;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one way a workbook's XML is read here: StAX, pulled as a stream, with DTDs and external
 * entities off. A workbook never has a document type declaration, so one is refused outright: XML
 * entities are how XXE and "billion laughs" files attack, and nothing real is lost.
 */
final class SecureXml {

  private static final XMLInputFactory FACTORY = factory();

  private SecureXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    // Long text comes in pieces, so that a cell's length can be capped before it is all held.
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }

  static XMLStreamReader open(InputStream in, String part) throws UnreadableInput {
    try {
      return FACTORY.createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw malformed(part, e);
    }
  }

  /**
   * The next event, with a document type declaration or an entity reference refused.
   *
   * @throws UnreadableInput {@code malformed_workbook}
   */
  static int next(XMLStreamReader xml, String part) throws UnreadableInput {
    int event;
    try {
      event = xml.next();
    } catch (XMLStreamException e) {
      throw malformed(part, e);
    } catch (RuntimeException e) {
      // StAX parsers signal some errors unchecked, and the limit on a stream underneath arrives
      // wrapped in one.
      if (e.getCause() instanceof UnreadableInput unreadable) {
        throw unreadable;
      }
      throw malformed(part, e);
    }
    if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
      throw PurchaseFiles.problem(
          ErrorCode.MALFORMED_WORKBOOK,
          "The workbook's "
              + part
              + " declares XML entities (a DOCTYPE), which real workbooks never do and which are"
              + " a known way to attack a server; it was not read. Open the file in a spreadsheet,"
              + " save it again as .xlsx, and upload that.");
    }
    return event;
  }

  static UnreadableInput malformed(String part, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnreadableInput unreadable) {
        return unreadable;
      }
      if (String.valueOf(t.getMessage()).contains("Zip bomb")) {
        return Workbook.zipBomb();
      }
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return PurchaseFiles.problem(
        ErrorCode.MALFORMED_WORKBOOK,
        "The workbook's "
            + part
            + " is not well-formed XML ("
            + firstLine(detail)
            + "); the file may be damaged. Open it in a spreadsheet, save it again as .xlsx, and"
            + " upload that.");
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
