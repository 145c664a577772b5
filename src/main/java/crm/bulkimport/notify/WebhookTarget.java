package crm.bulkimport.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether the service may POST to a URL. A webhook URL is chosen by whoever holds the admin
 * key, but the request leaves from inside the deployment: without this check it could reach the
 * database, a cloud metadata endpoint or any private service (SSRF).
 */
final class WebhookTarget {

  /** Why a URL is not acceptable, with the API's stable code. */
  static final class Refused extends Exception {
    private final String code;
    private final boolean lasting;

    Refused(String code, String message) {
      this(code, message, true);
    }

    Refused(String code, String message, boolean lasting) {
      super(message, null, false, false);
      this.code = code;
      this.lasting = lasting;
    }

    String code() {
      return code;
    }

    /** False when asking again later may succeed: the host did not resolve, this time. */
    boolean lasting() {
      return lasting;
    }
  }

  static final int MAX_URL_LENGTH = 2000;

  private WebhookTarget() {}

  /**
   * The URL as a URI, if it is http(s) with a host and, unless private targets are allowed, every
   * address the host resolves to is public.
   */
  static URI check(String url, boolean allowPrivate) throws Refused {
    if (url == null || url.isBlank()) {
      throw new Refused("invalid_webhook_url", "Give the webhook's 'url', e.g. https://...");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new Refused(
          "invalid_webhook_url",
          "The webhook URL is longer than " + MAX_URL_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new Refused(
          "invalid_webhook_url", "The webhook URL is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused(
          "invalid_webhook_url", "The webhook URL must start with https:// or http://.");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new Refused("invalid_webhook_url", "The webhook URL has no host name.");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused(
          "invalid_webhook_url",
          "The webhook URL must not carry a user name or password; the signature authenticates"
              + " each delivery.");
    }
    if (allowPrivate) {
      return uri;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new Refused(
          "invalid_webhook_url",
          "The webhook host " + uri.getHost() + " cannot be resolved.",
          false);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new Refused(
            "webhook_url_refused",
            "The webhook host "
                + uri.getHost()
                + " resolves to a private, loopback or link-local address ("
                + address.getHostAddress()
                + "); webhooks go only to public addresses unless"
                + " IMPORTER_WEBHOOK_ALLOW_PRIVATE=true.");
      }
    }
    return uri;
  }

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return false; // unique local addresses, fc00::/7: IPv6's private range
      }
      if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
        return false; // Teredo, 2001::/32: a tunnel to an IPv4 address hidden in the bits
      }
      // Forms that carry an IPv4 address, reached through a translator or a tunnel: that
      // address decides.
      if (zero(b, 0, 12)
          || (b[0] == 0
              && b[1] == 0x64
              && b[2] == (byte) 0xff
              && b[3] == (byte) 0x9b
              && zero(b, 4, 12))) {
        return isPublic(ipv4(b, 12)); // IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return isPublic(ipv4(b, 2)); // 6to4, 2002:aabb:ccdd::/48
      }
      return true;
    }
    return false;
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress ipv4(byte[] bytes, int from) {
    try {
      return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, from, from + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
