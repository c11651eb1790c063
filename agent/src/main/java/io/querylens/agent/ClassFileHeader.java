package io.querylens.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a class file says about itself before anything resolves it: its name, its superclass, its interfaces, and
 * whether one of a few byte strings is the start of a name in its constant pool. Reading this is a walk over the
 * constant pool and nothing more, so every class the JVM loads can afford it; the few it lets through are parsed again by
 * the weaver.
 *
 * @param name internal name ({@code com/example/Foo})
 * @param superName internal name of the superclass; null for {@code java/lang/Object} and for {@code module-info}
 * @param interfaces internal names of the directly implemented interfaces
 * @param marked whether a constant-pool string starts with one of the markers it was read with
 * @param declaresWatchedMethod whether it declares a method that the {@link MethodPatterns} it was read with match
 * @param isFinal whether it is a final class, which no class can extend
 */
record ClassFileHeader(String name, String superName, List<String> interfaces, boolean marked,
    boolean declaresWatchedMethod, boolean isFinal) {
  private static final int ACC_FINAL = 0x0010;
  private static final int MAGIC = 0xCAFEBABE;
  /**
   * Where each constant-pool entry starts, reused per thread: every class that loads is read, and a fresh array of
   * a few thousand entries for each would be most of what the filter allocates.
   */
  private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[1024]);

  /** @throws IllegalArgumentException if the bytes are not a class file this reader understands */
  static ClassFileHeader read(byte[] classFile, byte[][] markers) {
    return read(classFile, markers, MethodPatterns.NONE);
  }

  /** @throws IllegalArgumentException if the bytes are not a class file this reader understands */
  static ClassFileHeader read(byte[] classFile, byte[][] markers, MethodPatterns watched) {
    try {
      if (u4(classFile, 0) != MAGIC) {
        throw new IllegalArgumentException("not a class file");
      }
      int count = u2(classFile, 8);
      int[] offsets = OFFSETS.get();
      if (offsets.length < count) {
        offsets = new int[Math.max(count, offsets.length * 2)];
        OFFSETS.set(offsets);
      }
      boolean marked = false;
      int at = 10;
      for (int index = 1; index < count; index++) {
        offsets[index] = at;
        int tag = classFile[at];
        switch (tag) {
          case 1 -> { // Utf8
            int length = u2(classFile, at + 1);
            marked = marked || startsWithAny(classFile, at + 3, length, markers);
            at += 3 + length;
          }
          case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
          case 15 -> at += 4; // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
          case 5, 6 -> { // Long and Double take two entries
            at += 9;
            index++;
          }
          default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
      }
      int access = u2(classFile, at);
      int thisClass = u2(classFile, at + 2);
      int superClass = u2(classFile, at + 4);
      int interfaceCount = u2(classFile, at + 6);
      String[] interfaces = new String[interfaceCount];
      for (int i = 0; i < interfaceCount; i++) {
        interfaces[i] = className(classFile, offsets, u2(classFile, at + 8 + 2 * i));
      }
      return new ClassFileHeader(className(classFile, offsets, thisClass),
          superClass == 0 ? null : className(classFile, offsets, superClass), List.of(interfaces), marked,
          !watched.isEmpty() && declaresAny(classFile, offsets, at + 8 + 2 * interfaceCount, watched),
          (access & ACC_FINAL) != 0);
    } catch (ArrayIndexOutOfBoundsException truncated) {
      throw new IllegalArgumentException("truncated class file");
    }
  }

  /** Skips the fields from {@code at}, then matches each method's name and descriptor. */
  private static boolean declaresAny(byte[] classFile, int[] offsets, int at, MethodPatterns watched) {
    int fields = u2(classFile, at);
    at += 2;
    for (int i = 0; i < fields; i++) {
      at = skipAttributes(classFile, at + 6);
    }
    int methods = u2(classFile, at);
    at += 2;
    for (int i = 0; i < methods; i++) {
      int name = offsets[u2(classFile, at + 2)];
      int descriptor = offsets[u2(classFile, at + 4)];
      if (watched.matches(classFile, name + 3, u2(classFile, name + 1), descriptor + 3,
          u2(classFile, descriptor + 1))) {
        return true;
      }
      at = skipAttributes(classFile, at + 6);
    }
    return false;
  }

  private static int skipAttributes(byte[] classFile, int at) {
    int attributes = u2(classFile, at);
    at += 2;
    for (int i = 0; i < attributes; i++) {
      at += 6 + u4(classFile, at + 2);
    }
    return at;
  }

  private static String className(byte[] classFile, int[] offsets, int classIndex) {
    int utf8 = offsets[u2(classFile, offsets[classIndex] + 1)];
    // Modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, which no class name holds.
    return new String(classFile, utf8 + 3, u2(classFile, utf8 + 1), StandardCharsets.UTF_8);
  }

  private static boolean startsWithAny(byte[] classFile, int start, int length, byte[][] markers) {
    for (byte[] marker : markers) {
      if (length >= marker.length && startsWith(classFile, start, marker)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A plain loop rather than {@code Arrays.equals}: this runs for every string of every class that loads, the
   * strings differ in their first byte or two, and the JIT expands each inlined {@code Arrays.equals} into a large
   * vectorised comparison. With a dozen copies of it in each compilation of {@link #read} (which is compiled several
   * times: alone, and inlined into its callers), the prefilter took twice the compiler time it takes with this loop
   * (benchmarks/STARTUP.md), for no gain.
   */
  static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
  }

  private static int u4(byte[] bytes, int at) {
    return u2(bytes, at) << 16 | u2(bytes, at + 2);
  }
}
