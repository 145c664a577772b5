package crm.bulkimport.tenant;

import crm.bulkimport.api.ApiErrorBody;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every {@code /api} call needs {@code Authorization: Bearer <key>}; {@code /api/admin} needs the
 * admin key. Failed authentication says only that the key was missing or not accepted. The import
 * page and its assets carry a Content-Security-Policy that allows only this origin. Only where
 * there is a web server to guard: the operator's command line runs without one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String PAGE_POLICY =
      "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, AdminKey adminKey, ApiKeys apiKeys) {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) ->
            ApiErrorBody.write(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "unauthorized",
                "Send a valid API key as 'Authorization: Bearer <key>'.");
    AccessDeniedHandler forbidden =
        (request, response, e) ->
            ApiErrorBody.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                "forbidden",
                "This key may not do that; it needs the admin key.");
    AuthenticationFilter bearerKeys =
        new AuthenticationFilter(
            new ProviderManager(ApiKeyAuthentication.checkedAgainst(adminKey, apiKeys)),
            ApiKeyAuthentication.fromBearerHeader());
    bearerKeys.setFailureHandler(
        (request, response, e) -> unauthorized.commence(request, response, e));
    bearerKeys.setSuccessHandler((request, response, authentication) -> {});
    // Keys are checked where they matter; a monitor with a stale header still gets /health.
    bearerKeys.setRequestMatcher(
        request -> {
          String path = path(request);
          return path.startsWith("/api/")
              || path.startsWith("/metrics")
              || path.startsWith("/prometheus");
        });
    // The import page (/, index.html and its assets) loads nothing from elsewhere and has no inline
    // script or style, so a strict policy costs nothing and blunts any injection into it. The API's
    // answers are not documents and stay as they were.
    RequestMatcher page =
        request -> {
          String path = path(request);
          return !path.startsWith("/api/")
              && !path.startsWith("/health")
              && !path.startsWith("/metrics")
              && !path.startsWith("/prometheus");
        };
    http.securityMatcher("/**")
        .csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .headers(
            headers ->
                headers.addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        page, new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(bearerKeys, BasicAuthenticationFilter.class)
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .authorizeHttpRequests(
            requests ->
                requests
                    // The end of a server-sent event stream is dispatched again; the request was
                    // authorised when it started.
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/api/admin/**", "/metrics/**", "/metrics", "/prometheus")
                    .hasRole("ADMIN")
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll());
    return http.build();
  }
}
