package io.querylens.agent.view;

/** A report file that cannot be used: not JSON, cut short, another format version, a required field missing. */
public final class UnreadableReportException extends Exception {
  public UnreadableReportException(String message) {
    super(message);
  }

  public UnreadableReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
