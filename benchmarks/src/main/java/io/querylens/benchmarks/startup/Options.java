package io.querylens.benchmarks.startup;

import java.util.Map;

/** The {@code --name=value} arguments of this package's command-line tools. */
final class Options {
  private Options() {}

  /**
   * Overwrites {@code defaults} with the arguments given; every name must be one of its keys.
   *
   * @throws IllegalArgumentException naming the argument and the known names
   */
  static Map<String, String> parse(Map<String, String> defaults, String[] arguments) {
    for (String argument : arguments) {
      int equals = argument.indexOf('=');
      if (!argument.startsWith("--") || equals < 0 || !defaults.containsKey(argument.substring(2, equals))) {
        throw new IllegalArgumentException("unknown argument " + argument + "; known: " + defaults.keySet());
      }
      defaults.put(argument.substring(2, equals), argument.substring(equals + 1));
    }
    return defaults;
  }
}
