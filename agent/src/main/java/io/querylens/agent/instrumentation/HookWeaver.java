package io.querylens.agent.instrumentation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves {@link MethodHook}s and {@link StateFields} into one class file with ASM's core API, without describing any
 * type: the caller has already decided, from class files, which hooks and fields apply to the class. Methods that
 * match no hook are copied as they are; a method several hooks match gets all of them, the first outermost.
 */
public final class HookWeaver extends ClassVisitor {
  private static final int NOT_WOVEN = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE;

  private final List<MethodHook> hooks;
  private final StateFields fields;
  private String name;
  private boolean frames;
  private boolean changed;
  private boolean addsFields;
  private boolean isInterface;

  private HookWeaver(ClassVisitor next, List<MethodHook> hooks, StateFields fields) {
    super(Opcodes.ASM9, next);
    this.hooks = hooks;
    this.fields = fields;
  }

  /**
   * The class file with the hooks woven into the methods they match and, if {@code fields} is not null, the fields
   * and their interface added; or null when nothing matched.
   *
   * @throws RuntimeException when the class file cannot be woven (ASM's reasons: a method grown past 64 KiB, a class
   *     file version it does not know), in which case the class must load as it was
   */
  public static byte[] weave(byte[] classFile, List<MethodHook> hooks, StateFields fields) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    HookWeaver weaver = new HookWeaver(writer, hooks, fields);
    reader.accept(weaver, ClassReader.EXPAND_FRAMES);
    return weaver.changed ? writer.toByteArray() : null;
  }

  @Override
  public void visit(int version, int access, String className, String signature, String superName,
      String[] interfaces) {
    name = className;
    frames = (version & 0xFFFF) >= Opcodes.V1_6;
    isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    String[] implemented = interfaces;
    if (fields != null && !isInterface
        && !Arrays.asList(interfaces).contains(fields.holder())) {
      implemented = Arrays.copyOf(interfaces, interfaces.length + 1);
      implemented[interfaces.length] = fields.holder();
      addsFields = true;
      changed = true;
    }
    super.visit(version, access, className, signature, superName, implemented);
  }

  @Override
  public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
      String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
    if (isInterface || (access & NOT_WOVEN) != 0 || method.charAt(0) == '<') {
      return next;
    }
    boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
    // The visitor nearest the writer wraps the code of all the others: the first hook's enter runs first, its exit
    // last.
    for (MethodHook hook : hooks) {
      if ((!isStatic || hook.staticMethods()) && hook.method().test(method, descriptor)) {
        changed = true;
        next = new HookedMethod(next, hook, name, method, descriptor, isStatic, frames);
      }
    }
    return next;
  }

  @Override
  public void visitEnd() {
    if (addsFields) {
      for (Map.Entry<String, String> field : fields.fields().entrySet()) {
        addField(field.getKey(), field.getValue());
      }
    }
    super.visitEnd();
  }

  private void addField(String field, String descriptor) {
    super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_TRANSIENT, field, descriptor, null,
        null).visitEnd();
    MethodVisitor getter = super.visitMethod(Opcodes.ACC_PUBLIC, field, "()" + descriptor, null, null);
    getter.visitCode();
    getter.visitVarInsn(Opcodes.ALOAD, 0);
    getter.visitFieldInsn(Opcodes.GETFIELD, name, field, descriptor);
    getter.visitInsn(Opcodes.ARETURN);
    getter.visitMaxs(1, 1);
    getter.visitEnd();
    MethodVisitor setter = super.visitMethod(Opcodes.ACC_PUBLIC, field, "(" + descriptor + ")V", null, null);
    setter.visitCode();
    setter.visitVarInsn(Opcodes.ALOAD, 0);
    setter.visitVarInsn(Opcodes.ALOAD, 1);
    setter.visitFieldInsn(Opcodes.PUTFIELD, name, field, descriptor);
    setter.visitInsn(Opcodes.RETURN);
    setter.visitMaxs(2, 2);
    setter.visitEnd();
  }
}
