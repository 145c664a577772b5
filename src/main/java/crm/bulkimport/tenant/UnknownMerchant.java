package crm.bulkimport.tenant;

import crm.bulkimport.problem.Refusal;
import java.util.UUID;

/** No such merchant, or not one the caller may act for: the two answer alike. */
public final class UnknownMerchant extends Refusal {

  UnknownMerchant(UUID merchantId) {
    super(Kind.NOT_FOUND, "unknown_merchant", "There is no merchant " + merchantId + ".");
  }
}
