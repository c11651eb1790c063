package io.querylens.agent.cli;

/** A command line or input the user has to fix: exit code 2, the message on standard error. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
