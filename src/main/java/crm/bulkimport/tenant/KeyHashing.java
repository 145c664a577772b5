package crm.bulkimport.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Making and hashing keys. Keys are 256 random bits, so a plain SHA-256 is enough to store them
 * safely (a slow hash protects guessable passwords, which these are not).
 */
final class KeyHashing {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyHashing() {}

  static String newKey(String prefix) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** Compares in time that does not depend on where the keys differ. */
  static boolean sameKey(String given, String expected) {
    return MessageDigest.isEqual(sha256(given), sha256(expected));
  }
}
