package crm.bulkimport.profile;

import java.util.EnumSet;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A profile as the JSON the service stores: with every batch that used it, and when saved. */
public final class ProfileJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProfileJson() {}

  public static String write(ImportProfile profile) {
    return JSON.writeValueAsString(ProfileRules.toBody(profile));
  }

  /**
   * Reads a stored profile. Its keys were available when it was stored; whether they still are is
   * {@link CrmKeys#requireAvailable}'s question.
   */
  @SuppressWarnings("unchecked")
  public static ImportProfile read(String json) {
    Map<String, Object> body = JSON.readValue(json, Map.class);
    return ProfileRules.parse(body, EnumSet.allOf(KeyKind.class));
  }
}
