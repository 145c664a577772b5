package crm.bulkimport.batch;

import crm.bulkimport.problem.Refusal;
import java.util.UUID;

/** No such batch, or another merchant's: the two answer alike. */
public final class BatchNotFound extends Refusal {

  BatchNotFound(UUID batchId) {
    super(Kind.NOT_FOUND, "batch_not_found", "There is no import batch " + batchId + ".");
  }
}
