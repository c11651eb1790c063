package io.querylens.agent.view;

/** A budget file that cannot be used; the message names the file, the line and what is accepted. */
public final class BudgetFileException extends Exception {
  public BudgetFileException(String message) {
    super(message);
  }
}
