package io.querylens.agent.cache;

import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What the class file alone shows about a {@code @Cached} method's declared return type: whether it names a class to
 * decode a cached value into. The codec reads values into the declared type and nothing else (never a class named by
 * stored data), so {@code Object}, an unbounded wildcard or a type variable leaves it nothing to build. Read while the
 * class loads, so that the method is reported once, then and there, and its calls bypass without a Redis command.
 * Subtler refusals (an abstract class, a type Jackson cannot read) need the loaded classes and come with the first
 * call.
 */
final class DeclaredReturnType {
  private DeclaredReturnType() {}

  /** Why no value of {@code type} can be decoded, or null if the class file shows nothing against it. */
  static String whyNeverServable(TypeDescription.Generic type) {
    String problem = problem(type, 0);
    return problem == null ? null : "its return type " + type.getTypeName() + " " + problem;
  }

  private static String problem(TypeDescription.Generic type, int depth) {
    if (depth > 32) {
      return null; // a recursive bound; the codec decides at the first call
    }
    TypeDefinition.Sort sort = type.getSort();
    if (sort == TypeDefinition.Sort.VARIABLE || sort == TypeDefinition.Sort.VARIABLE_SYMBOLIC) {
      return "is the type variable " + type.getTypeName() + ", which names no class to decode into";
    }
    if (sort == TypeDefinition.Sort.WILDCARD) {
      if (!type.getLowerBounds().isEmpty()) {
        return "has the wildcard " + type.getTypeName() + ", which names no class to decode into";
      }
      TypeDescription.Generic upper = type.getUpperBounds().getOnly();
      if (upper.represents(Object.class)) {
        return "has the wildcard ?, which names no class to decode into";
      }
      return problem(upper, depth + 1);
    }
    if (sort == TypeDefinition.Sort.GENERIC_ARRAY) {
      return problem(type.getComponentType(), depth + 1);
    }
    if (sort == TypeDefinition.Sort.PARAMETERIZED) {
      for (TypeDescription.Generic argument : type.getTypeArguments()) {
        String problem = problem(argument, depth + 1);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (type.represents(Object.class)) {
      return depth == 0 ? "is Object, which names no class to decode into"
          : "has Object in it, which names no class to decode into";
    }
    if (type.isArray()) {
      return problem(type.getComponentType(), depth + 1);
    }
    return null;
  }
}
