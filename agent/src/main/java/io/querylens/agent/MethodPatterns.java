package io.querylens.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Method names, compared against a class file's bytes without decoding them. A pattern is a name
 * ({@code executeQuery}), a name prefix ({@code set*}), and optionally a descriptor prefix after it
 * ({@code set*(I}: a {@code set} method whose first parameter is an {@code int}).
 */
final class MethodPatterns {
  static final MethodPatterns NONE = new MethodPatterns(List.of());

  private record Pattern(byte[] name, boolean prefix, byte[] descriptorPrefix) {}

  private final Pattern[] patterns;

  private MethodPatterns(List<Pattern> patterns) {
    this.patterns = patterns.toArray(new Pattern[0]);
  }

  static MethodPatterns of(Collection<String> patterns) {
    List<Pattern> parsed = new ArrayList<>();
    for (String pattern : patterns) {
      int open = pattern.indexOf('(');
      String name = open < 0 ? pattern : pattern.substring(0, open);
      boolean prefix = name.endsWith("*");
      parsed.add(new Pattern(bytes(prefix ? name.substring(0, name.length() - 1) : name), prefix,
          bytes(open < 0 ? "" : pattern.substring(open))));
    }
    return new MethodPatterns(List.copyOf(parsed));
  }

  boolean isEmpty() {
    return patterns.length == 0;
  }

  /** Whether the name at {@code name} (of {@code nameLength} bytes) and its descriptor match a pattern. */
  boolean matches(byte[] classFile, int name, int nameLength, int descriptor, int descriptorLength) {
    for (Pattern pattern : patterns) {
      if ((pattern.prefix() ? nameLength >= pattern.name().length : nameLength == pattern.name().length)
          && ClassFileHeader.startsWith(classFile, name, pattern.name())
          && descriptorLength >= pattern.descriptorPrefix().length
          && ClassFileHeader.startsWith(classFile, descriptor, pattern.descriptorPrefix())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
