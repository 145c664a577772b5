package crm.bulkimport.profile;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The merchants' saved profiles; names are unique per merchant, whatever their case. */
@Repository
public class ImportProfiles {

  /** A saved profile. */
  public record Saved(
      UUID id, UUID merchantId, ImportProfile profile, Instant createdAt, Instant updatedAt) {}

  /** A profile an upload or a preview names: a saved one (its id) or a preset (its name as id). */
  public record Chosen(String id, ImportProfile profile, boolean preset) {}

  private static final RowMapper<Saved> ROW =
      (rs, n) ->
          new Saved(
              rs.getObject("id", UUID.class),
              rs.getObject("merchant_id", UUID.class),
              ProfileJson.read(rs.getString("body")),
              rs.getTimestamp("created_at").toInstant(),
              rs.getTimestamp("updated_at").toInstant());

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final CrmKeys keys;

  ImportProfiles(JdbcTemplate jdbc, Clock clock, CrmKeys keys) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.keys = keys;
  }

  /** Saves a new profile of the merchant. */
  public Saved create(UUID merchantId, ImportProfile profile) {
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now(clock));
    try {
      jdbc.update(
          """
          insert into import_profiles (id, merchant_id, name, body, created_at, updated_at)
          values (?, ?, ?, ?::jsonb, ?, ?)""",
          id,
          merchantId,
          profile.name(),
          ProfileJson.write(profile),
          now,
          now);
    } catch (DuplicateKeyException e) {
      throw nameTaken(profile);
    }
    return find(id).orElseThrow();
  }

  /** Replaces a saved profile's body; batches that used it keep their own copy. */
  public Saved update(UUID id, ImportProfile profile) {
    try {
      jdbc.update(
          "update import_profiles set name = ?, body = ?::jsonb, updated_at = ? where id = ?",
          profile.name(),
          ProfileJson.write(profile),
          Timestamp.from(Instant.now(clock)),
          id);
    } catch (DuplicateKeyException e) {
      throw nameTaken(profile);
    }
    return find(id).orElseThrow();
  }

  public boolean delete(UUID id) {
    return jdbc.update("delete from import_profiles where id = ?", id) == 1;
  }

  public Optional<Saved> find(UUID id) {
    return jdbc
        .query(
            "select id, merchant_id, body::text as body, created_at, updated_at"
                + " from import_profiles where id = ?",
            ROW,
            id)
        .stream()
        .findFirst();
  }

  /** The merchant's profiles, by name. */
  public List<Saved> of(UUID merchantId) {
    return jdbc.query(
        """
        select id, merchant_id, body::text as body, created_at, updated_at
        from import_profiles where merchant_id = ? order by lower(name)""",
        ROW,
        merchantId);
  }

  /**
   * The profile an upload names: one of the merchant's saved profiles by id, or a preset by name;
   * its keys must be available in this CRM.
   *
   * @throws ProfileProblem {@code unknown_profile} when the merchant has no such profile
   */
  public Chosen choose(UUID merchantId, String reference) {
    String wanted = reference.strip();
    Chosen chosen = Presets.named(wanted).map(p -> new Chosen(wanted, p, true)).orElse(null);
    if (chosen == null) {
      UUID id = uuidOrNull(wanted);
      Saved saved =
          id == null ? null : find(id).filter(s -> s.merchantId().equals(merchantId)).orElse(null);
      if (saved == null) {
        throw ProfileProblem.invalid(
            "unknown_profile",
            "There is no profile '"
                + wanted
                + "' for this merchant. Use a saved profile's id (GET /api/import/profiles) or a"
                + " preset: "
                + String.join(", ", Presets.all().keySet())
                + ".");
      }
      chosen = new Chosen(saved.id().toString(), saved.profile(), false);
    }
    keys.requireAvailable(chosen.profile());
    return chosen;
  }

  private static UUID uuidOrNull(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ProfileProblem nameTaken(ImportProfile profile) {
    return new ProfileProblem(
        ProfileProblem.Kind.CONFLICT,
        "duplicate_profile_name",
        "This merchant already has a profile named '"
            + profile.name()
            + "'; choose another name, or change that profile (PUT).");
  }
}
