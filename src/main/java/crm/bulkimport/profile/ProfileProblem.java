package crm.bulkimport.profile;

/**
 * A profile, or a request naming one, that cannot be used: a stable code and a message a person can
 * act on. The web edge answers 400 ({@link Kind#INVALID}), 404 or 409.
 */
public final class ProfileProblem extends RuntimeException {

  /** What kind of answer the problem deserves. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;
  private final String code;

  ProfileProblem(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  static ProfileProblem invalid(String code, String message) {
    return new ProfileProblem(Kind.INVALID, code, message);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
