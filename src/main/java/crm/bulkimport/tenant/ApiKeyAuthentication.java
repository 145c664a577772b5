package crm.bulkimport.tenant;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** A bearer API key on its way to becoming a {@link Caller}. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final String key;
  private final Caller caller;

  private ApiKeyAuthentication(String key, Caller caller) {
    super(
        caller == null
            ? List.of()
            : List.of(new SimpleGrantedAuthority(caller.admin() ? "ROLE_ADMIN" : "ROLE_MERCHANT")));
    this.key = key;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  @Override
  public Object getCredentials() {
    return key;
  }

  @Override
  public Object getPrincipal() {
    return caller;
  }

  /** Reads {@code Authorization: Bearer <key>}; no header means an anonymous request. */
  static AuthenticationConverter fromBearerHeader() {
    return (HttpServletRequest request) -> {
      String header = request.getHeader("Authorization");
      if (header == null || header.isBlank()) {
        return null;
      }
      String key =
          header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
      return new ApiKeyAuthentication(key, null);
    };
  }

  /** Checks a key against the admin key and the stored merchant keys. */
  static AuthenticationProvider checkedAgainst(AdminKey adminKey, ApiKeys apiKeys) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String key = (String) authentication.getCredentials();
        if (key.isEmpty() || key.length() > 200) {
          throw new BadCredentialsException("bad key");
        }
        if (adminKey.matches(key)) {
          return new ApiKeyAuthentication(key, Caller.administrator());
        }
        return apiKeys
            .callerFor(key)
            .map(caller -> new ApiKeyAuthentication(key, caller))
            .orElseThrow(() -> new BadCredentialsException("bad key"));
      }

      @Override
      public boolean supports(Class<?> type) {
        return ApiKeyAuthentication.class.isAssignableFrom(type);
      }
    };
  }
}
