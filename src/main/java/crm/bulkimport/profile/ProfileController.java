package crm.bulkimport.profile;

import crm.bulkimport.tenant.Caller;
import crm.bulkimport.tenant.Merchants;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/import/profiles}: a merchant's saved profiles, and the presets every merchant has.
 */
@RestController
class ProfileController {

  private final ImportProfiles profiles;
  private final Merchants merchants;
  private final CrmKeys keys;

  ProfileController(ImportProfiles profiles, Merchants merchants, CrmKeys keys) {
    this.profiles = profiles;
    this.merchants = merchants;
    this.keys = keys;
  }

  @PostMapping("/api/import/profiles")
  ResponseEntity<Map<String, Object>> create(
      @RequestBody(required = false) Map<String, Object> body,
      @RequestParam(name = "merchant_id", required = false) String merchantParam,
      @AuthenticationPrincipal Caller caller) {
    Map<String, Object> settings = body == null ? null : new LinkedHashMap<>(body);
    Object merchantInBody = settings == null ? null : settings.remove("merchant_id");
    UUID merchantId =
        merchants.actingFor(
            caller, merchantParam != null ? merchantParam : (String) stringOrNull(merchantInBody));
    ImportProfiles.Saved saved =
        profiles.create(merchantId, ProfileRules.parse(settings, keys.available()));
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/import/profiles/" + saved.id()))
        .body(view(saved));
  }

  @GetMapping("/api/import/profiles")
  Map<String, Object> list(
      @RequestParam(name = "merchant_id", required = false) String merchantParam,
      @AuthenticationPrincipal Caller caller) {
    UUID merchantId = merchants.actingFor(caller, merchantParam);
    List<Map<String, Object>> saved = new ArrayList<>();
    profiles.of(merchantId).forEach(p -> saved.add(view(p)));
    List<Map<String, Object>> presets = new ArrayList<>();
    Presets.all().forEach((name, preset) -> presets.add(presetView(name, preset)));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("merchant_id", merchantId);
    answer.put("profiles", saved);
    answer.put("presets", presets);
    return answer;
  }

  @GetMapping("/api/import/profiles/{profile_id}")
  Map<String, Object> get(
      @PathVariable("profile_id") String profileId, @AuthenticationPrincipal Caller caller) {
    ImportProfile preset = Presets.named(profileId).orElse(null);
    if (preset != null) {
      return presetView(profileId, preset);
    }
    return view(visible(caller, profileId));
  }

  @PutMapping("/api/import/profiles/{profile_id}")
  Map<String, Object> update(
      @PathVariable("profile_id") String profileId,
      @RequestBody(required = false) Map<String, Object> body,
      @AuthenticationPrincipal Caller caller) {
    refusePreset(profileId);
    ImportProfiles.Saved saved = visible(caller, profileId);
    Map<String, Object> settings = body == null ? null : new LinkedHashMap<>(body);
    if (settings != null) {
      settings.remove("merchant_id");
    }
    return view(profiles.update(saved.id(), ProfileRules.parse(settings, keys.available())));
  }

  @DeleteMapping("/api/import/profiles/{profile_id}")
  ResponseEntity<Void> delete(
      @PathVariable("profile_id") String profileId, @AuthenticationPrincipal Caller caller) {
    refusePreset(profileId);
    profiles.delete(visible(caller, profileId).id());
    return ResponseEntity.noContent().build();
  }

  private static void refusePreset(String profileId) {
    if (Presets.named(profileId).isPresent()) {
      throw new ProfileProblem(
          ProfileProblem.Kind.CONFLICT,
          "preset_read_only",
          "'"
              + profileId
              + "' is a preset and cannot be changed; save a copy of it as a profile of your own"
              + " (POST /api/import/profiles) and change that.");
    }
  }

  /** The profile, if the caller may see it; otherwise 404, whether it is missing or another's. */
  private ImportProfiles.Saved visible(Caller caller, String profileId) {
    UUID id;
    try {
      id = UUID.fromString(profileId);
    } catch (IllegalArgumentException e) {
      id = null;
    }
    ImportProfiles.Saved saved =
        id == null
            ? null
            : profiles.find(id).filter(p -> caller.mayActFor(p.merchantId())).orElse(null);
    if (saved == null) {
      throw new ProfileProblem(
          ProfileProblem.Kind.NOT_FOUND,
          "unknown_profile",
          "There is no profile "
              + profileId
              + ". Presets: "
              + String.join(", ", Presets.all().keySet())
              + ".");
    }
    return saved;
  }

  private static Object stringOrNull(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  static Map<String, Object> view(ImportProfiles.Saved saved) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("profile_id", saved.id().toString());
    view.put("merchant_id", saved.merchantId());
    view.putAll(ProfileRules.toBody(saved.profile()));
    view.put("created_at", saved.createdAt());
    view.put("updated_at", saved.updatedAt());
    return view;
  }

  static Map<String, Object> presetView(String name, ImportProfile preset) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("profile_id", name);
    view.put("preset", true);
    view.putAll(ProfileRules.toBody(preset));
    return view;
  }
}
