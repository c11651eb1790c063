package io.querylens.agent.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments after its name: positionals, and options that each take one value ({@code --top 5}). */
final class Arguments {
  private final List<String> positionals;
  private final Map<String, String> options;

  private Arguments(List<String> positionals, Map<String, String> options) {
    this.positionals = positionals;
    this.options = options;
  }

  /** @param known the options the command accepts, such as {@code --top} */
  static Arguments parse(List<String> args, Set<String> known) throws UsageException {
    List<String> positionals = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positionals.add(arg);
        continue;
      }
      // --top=5 as well as --top 5
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!known.contains(name)) {
        throw new UsageException("unknown option " + name + (known.isEmpty() ? "" : "; accepted: "
            + String.join(", ", known.stream().sorted().toList())));
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(name + " needs a value");
      }
      if (options.putIfAbsent(name, value) != null) {
        throw new UsageException(name + " is given twice");
      }
    }
    return new Arguments(positionals, options);
  }

  /** The one positional argument, named {@code what} in the message when it is missing or not alone. */
  String onlyPositional(String what) throws UsageException {
    if (positionals.isEmpty()) {
      throw new UsageException("missing " + what);
    }
    if (positionals.size() > 1) {
      throw new UsageException("expected one " + what + ", got " + String.join(" ", positionals));
    }
    return positionals.get(0);
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }
}
