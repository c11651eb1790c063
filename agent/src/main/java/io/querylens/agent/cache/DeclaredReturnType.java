package io.querylens.agent.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * What the class file alone shows about a {@code @Cached} method's declared return type: whether it names a class to
 * decode a cached value into. The codec reads values into the declared type and nothing else (never a class named by
 * stored data), so {@code Object}, an unbounded wildcard or a type variable leaves it nothing to build. Read from the
 * method's generic signature while the class loads, so that the method is reported once, then and there, and its
 * calls bypass without a Redis command. Subtler refusals (an abstract class, a type Jackson cannot read) need the
 * loaded classes and come with the first call.
 */
final class DeclaredReturnType {
  /** No real type nests this deep; past it, the codec decides at the first call. */
  private static final int MAX_DEPTH = 32;

  private final String signature;
  private int position;

  private DeclaredReturnType(String signature, int position) {
    this.signature = signature;
    this.position = position;
  }

  /** A type read from a signature: its Java name, and why no class can be decoded into it (or null). */
  private record Parsed(String name, String problem) {}

  /**
   * Why no value of the return type can be decoded, or null if the class file shows nothing against it; also null
   * for a signature it cannot read, which is left to the first call.
   *
   * @param signature the method's generic signature ({@code <T:...>(...)TT;}), or its descriptor if it has none
   */
  static String whyNeverServable(String signature) {
    try {
      Parsed returned = new DeclaredReturnType(signature, signature.indexOf(')') + 1).type(0);
      return returned.problem() == null ? null : "its return type " + returned.name() + " " + returned.problem();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private Parsed type(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    char sort = signature.charAt(position++);
    switch (sort) {
      case 'T' -> {
        String name = until(';');
        return new Parsed(name, "is the type variable " + name + ", which names no class to decode into");
      }
      case '[' -> {
        Parsed component = type(depth + 1);
        return new Parsed(component.name() + "[]", component.problem());
      }
      case 'L' -> {
        return classType(depth);
      }
      default -> {
        return new Parsed(primitive(sort), null);
      }
    }
  }

  /** {@code Ljava/util/Map<Ljava/lang/String;*>;}, its opening {@code L} read. */
  private Parsed classType(int depth) {
    StringBuilder name = new StringBuilder();
    String problem = null;
    boolean generic = false;
    while (true) {
      char next = signature.charAt(position++);
      if (next == ';') {
        break;
      } else if (next == '/') {
        name.append('.');
      } else if (next == '<') {
        generic = true;
        List<String> names = new ArrayList<>();
        while (signature.charAt(position) != '>') {
          Parsed argument = typeArgument(depth + 1);
          names.add(argument.name());
          problem = problem != null ? problem : argument.problem();
        }
        position++;
        name.append('<').append(String.join(", ", names)).append('>');
      } else {
        name.append(next);
      }
    }
    String typeName = name.toString();
    if (typeName.equals("java.lang.Object") && !generic) {
      problem = depth == 0 ? "is Object, which names no class to decode into"
          : "has Object in it, which names no class to decode into";
    }
    return new Parsed(typeName, problem);
  }

  private Parsed typeArgument(int depth) {
    char bound = signature.charAt(position);
    if (bound == '*') {
      position++;
      return new Parsed("?", "has the wildcard ?, which names no class to decode into");
    }
    if (bound == '-') {
      position++;
      String name = "? super " + type(depth).name();
      return new Parsed(name, "has the wildcard " + name + ", which names no class to decode into");
    }
    if (bound == '+') {
      position++;
      Parsed upper = type(depth);
      String name = "? extends " + upper.name();
      if (upper.name().equals("java.lang.Object")) {
        return new Parsed(name, "has the wildcard ?, which names no class to decode into");
      }
      return new Parsed(name, upper.problem());
    }
    return type(depth);
  }

  private String until(char end) {
    int stop = signature.indexOf(end, position);
    String read = signature.substring(position, stop);
    position = stop + 1;
    return read;
  }

  private static String primitive(char sort) {
    return switch (sort) {
      case 'Z' -> "boolean";
      case 'C' -> "char";
      case 'B' -> "byte";
      case 'S' -> "short";
      case 'I' -> "int";
      case 'F' -> "float";
      case 'J' -> "long";
      case 'D' -> "double";
      case 'V' -> "void";
      default -> throw new IllegalArgumentException("not a type: " + sort);
    };
  }
}
