package crm.bulkimport.tenant;

import java.util.UUID;

/**
 * The party behind a request's API key: the admin, who may act for any merchant, or one merchant.
 */
public record Caller(boolean admin, UUID merchantId, UUID keyId) {

  static Caller administrator() {
    return new Caller(true, null, null);
  }

  /** Whether this caller may see and act on the merchant's imports. */
  public boolean mayActFor(UUID merchant) {
    return admin || (merchant != null && merchant.equals(merchantId));
  }
}
