package crm.bulkimport.problem;

import java.util.Map;

/**
 * A request the service turns down, with a stable code and a message a person can act on. The
 * module that refuses says what kind of refusal it is; the HTTP API and the command line each turn
 * that into their own answer (a status, an exit status and a line of text), so that nothing below
 * them needs to know either.
 */
public abstract class Refusal extends RuntimeException {

  /** What kind of refusal it is: what an edge chooses its answer by. */
  public enum Kind {
    /** What the request names does not exist, or is not the caller's to see. */
    NOT_FOUND,
    /** It would clash with what is already there. */
    CONFLICT,
    /** The file is larger than the service takes. */
    TOO_LARGE,
    /** The content cannot be what it is meant to be, e.g. a CSV file. */
    UNSUPPORTED_CONTENT,
    /** The request asks for something its own file cannot give, e.g. a sheet it does not have. */
    INVALID
  }

  private final Kind kind;
  private final String code;

  protected Refusal(Kind kind, String code, String message) {
    // An answer to a request, not a fault: a stack trace would say nothing.
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** The stable code, e.g. {@code unknown_merchant}. */
  public String code() {
    return code;
  }

  /** Facts beside the message that a client may act on; none unless a refusal has some. */
  public Map<String, Object> details() {
    return Map.of();
  }
}
