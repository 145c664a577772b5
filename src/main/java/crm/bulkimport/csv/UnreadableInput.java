package crm.bulkimport.csv;

import crm.bulkimport.problem.ImportError;
import java.io.IOException;

/**
 * The bytes under a row stream cannot be read on, for a reason the file's owner can fix: damaged
 * compressed data, more than the decompressed size allowed. Thrown by the stream a reader reads, so
 * that the reader reports it as the file's error rather than as a failure of the machinery.
 */
public final class UnreadableInput extends IOException {

  private final transient ImportError error;

  public UnreadableInput(ImportError error) {
    super(error.message(), null);
    this.error = error;
  }

  public ImportError error() {
    return error;
  }
}
