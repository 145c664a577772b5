package crm.bulkimport.tenant;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who a key belongs to, and for the admin which merchants there are: what a client (the import
 * page, the command line) needs to know before it can upload for the right merchant.
 */
@RestController
class CallerController {

  static final int MERCHANTS_LISTED = 500;

  private final Merchants merchants;

  CallerController(Merchants merchants) {
    this.merchants = merchants;
  }

  record Me(String role, UUID merchantId, String merchantName) {}

  @GetMapping("/api/me")
  Me me(@AuthenticationPrincipal Caller caller) {
    if (caller.admin()) {
      return new Me("admin", null, null);
    }
    return new Me("merchant", caller.merchantId(), merchants.name(caller.merchantId()));
  }

  record MerchantList(List<Merchants.Merchant> merchants) {}

  @GetMapping("/api/admin/merchants")
  MerchantList list() {
    return new MerchantList(merchants.list(MERCHANTS_LISTED));
  }
}
