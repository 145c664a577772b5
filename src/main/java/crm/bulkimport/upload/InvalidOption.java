package crm.bulkimport.upload;

import crm.bulkimport.problem.Refusal;

/**
 * An upload option with a value the service does not take: {@code on_existing}, {@code max_errors}.
 */
public final class InvalidOption extends Refusal {

  InvalidOption(String option, String message) {
    super(Kind.INVALID, "invalid_" + option, message);
  }
}
