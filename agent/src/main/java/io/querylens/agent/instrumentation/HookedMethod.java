package io.querylens.agent.instrumentation;

import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One method with a {@link MethodHook} woven in, as the class file is copied. The method's code is kept as it is;
 * around it go:
 *
 * <ul>
 *   <li>at the start, copies of {@code this} and of the arguments the calls pass, then the enter call;
 *   <li>at each return, a jump to one exit block at the end, which calls the exit with the returned value kept in a
 *       local;
 *   <li>with {@code onThrowable}, a handler over the whole original code, after the method's own handlers, which
 *       calls the exit and throws the exception on.
 * </ul>
 *
 * <p>The new locals sit right after the arguments, so every other local of the method moves up by as many slots, and
 * every stack-map frame of the method gets them inserted. Frames of the new code list the arguments as unknown
 * (top): it reads only its own copies, so a method that reuses an argument's slot for something else still verifies.
 * Each call is wrapped in a handler that drops what it throws. With a {@link MethodHook.Shortcut}, the enter call is
 * followed by a test that may return a value in place of the body (the cache's hit). This is what Byte Buddy's
 * {@code Advice} does for the same advice; written against ASM's core API, it needs no type descriptions.
 */
final class HookedMethod extends MethodVisitor {
  private static final String THROWABLE = "java/lang/Throwable";
  private static final String OBJECT = "java/lang/Object";

  private final MethodHook hook;
  private final String owner;
  /** What {@link Value#METHOD} passes. */
  private final String methodName;
  private final boolean frames;
  private final Type[] arguments;
  private final Type returned;
  /** Frame entries of {@code this} (unless the method is static) and the arguments, as the method starts. */
  private final Object[] declared;
  /** Slots of {@code this} and the arguments: locals from here on are the method's own, moved up by {@link #added}. */
  private final int argumentSlots;
  private final Type entered;
  private final int enterSlot;
  private final int thisSlot;
  private final int argumentsSlot;
  private final int[] copySlots;
  private final int returnSlot;
  private final int thrownSlot;
  private final int added;
  /** Frame entries of the new locals over the original code: set, but for the returned value and the exception. */
  private final Object[] inBody;

  private final Label bodyStart = new Label();
  private final Label bodyEnd = new Label();
  private final Label thrownHandler = new Label();
  private final Label exitBlock = new Label();
  private boolean started;
  private boolean returns;

  /**
   * @param owner the internal name of the class
   * @param frames whether the class file carries stack-map frames (version 50 and later)
   */
  HookedMethod(MethodVisitor visitor, MethodHook hook, String owner, String name, String descriptor,
      boolean isStatic, boolean frames) {
    super(Opcodes.ASM9, visitor);
    this.hook = hook;
    this.owner = owner;
    this.methodName = owner.replace('/', '.') + '.' + name + descriptor;
    this.frames = frames;
    arguments = Type.getArgumentTypes(descriptor);
    returned = Type.getReturnType(descriptor);
    int first = isStatic ? 0 : 1;
    declared = new Object[arguments.length + first];
    if (!isStatic) {
      declared[0] = owner;
    }
    int slots = first;
    for (int i = 0; i < arguments.length; i++) {
      declared[i + first] = frameType(arguments[i]);
      slots += arguments[i].getSize();
    }
    argumentSlots = slots;
    int next = argumentSlots;
    entered = hook.enter() == null ? null : Type.getReturnType(hook.enter().descriptor());
    if (entered != null && entered.getSort() != Type.OBJECT) {
      throw new IllegalArgumentException("an enter call must return an object: " + hook.enter());
    }
    if (hook.shortcut() != null && (entered == null || returned.getSort() == Type.VOID)) {
      throw new IllegalArgumentException("a shortcut needs an enter call and a method that returns a value");
    }
    enterSlot = entered == null ? -1 : next++;
    if (isStatic && passes(Value.THIS)) {
      throw new IllegalArgumentException("a static method has no this to pass");
    }
    thisSlot = passes(Value.THIS) ? next++ : -1;
    argumentsSlot = passes(Value.ARGUMENTS) ? next++ : -1;
    copySlots = new int[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      copySlots[i] = -1;
      if (passes(Value.argument(i))) {
        copySlots[i] = next;
        next += arguments[i].getSize();
      }
    }
    returnSlot = returned.getSort() == Type.VOID ? -1 : next;
    next += returned.getSize();
    thrownSlot = hook.onThrowable() ? next++ : -1;
    added = next - argumentSlots;
    inBody = ours(true, false, false);
  }

  private boolean passes(Value value) {
    return value != null && (hook.enter() != null && Arrays.asList(hook.enter().arguments()).contains(value)
        || Arrays.asList(hook.exit().arguments()).contains(value));
  }

  /** The index in {@link #declared} of the argument at {@code index}. */
  private int declaredIndex(int index) {
    return declared.length - arguments.length + index;
  }

  /** The original code's first event: after its handlers are declared, before its first instruction. */
  private void start() {
    if (started) {
      return;
    }
    started = true;
    if (hook.onThrowable()) {
      super.visitTryCatchBlock(bodyStart, bodyEnd, thrownHandler, THROWABLE);
    }
    if (thisSlot >= 0) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitVarInsn(Opcodes.ASTORE, thisSlot);
    }
    int slot = declaredIndex(0); // 0 in a static method, 1 after this otherwise
    if (argumentsSlot >= 0) {
      boxArguments(slot);
    }
    for (int i = 0; i < arguments.length; i++) {
      if (copySlots[i] >= 0) {
        super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
        super.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), copySlots[i]);
      }
      slot += arguments[i].getSize();
    }
    if (entered != null) {
      Label after = new Label();
      nullingEnterOnFailure(after, concat(declared, ours(false, false, false)), true, () -> {
        call(hook.enter(), false);
        super.visitVarInsn(Opcodes.ASTORE, enterSlot);
      });
      if (hook.shortcut() != null) {
        shortcut();
      }
      // The method's first instruction may carry a frame of its own; two frames cannot share an offset.
      super.visitInsn(Opcodes.NOP);
    }
    super.visitLabel(bodyStart);
  }

  /** {@code Object[] arguments = {a0, a1, ...}}, primitives boxed, read from the slots the arguments start in. */
  private void boxArguments(int firstSlot) {
    pushInt(arguments.length);
    super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
    int slot = firstSlot;
    for (int i = 0; i < arguments.length; i++) {
      super.visitInsn(Opcodes.DUP);
      pushInt(i);
      super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
      box(arguments[i]);
      super.visitInsn(Opcodes.AASTORE);
      slot += arguments[i].getSize();
    }
    super.visitVarInsn(Opcodes.ASTORE, argumentsSlot);
  }

  /**
   * If the shortcut is taken, returns its value; a failure of its calls, or a value of the wrong type, runs the body
   * with the enter call's result dropped, as if the enter call had failed.
   */
  private void shortcut() {
    Label body = new Label();
    nullingEnterOnFailure(body, concat(declared, inBody), false, () -> {
      super.visitVarInsn(Opcodes.ALOAD, enterSlot);
      super.visitJumpInsn(Opcodes.IFNULL, body);
      call(hook.shortcut().taken(), false);
      super.visitJumpInsn(Opcodes.IFEQ, body);
      call(hook.shortcut().value(), false);
      unbox(returned);
      super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
    });
  }

  /**
   * Emits {@code code} in a handler that drops whatever it throws and sets the enter call's local to null, then the
   * label {@code after}, where the original code's locals are all set.
   *
   * @param handlerLocals the frame's locals where the handler starts
   * @param fallsThrough whether {@code code} may end without a jump or return (it then goes on at {@code after})
   */
  private void nullingEnterOnFailure(Label after, Object[] handlerLocals, boolean fallsThrough, Runnable code) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    super.visitTryCatchBlock(start, end, handler, THROWABLE);
    super.visitLabel(start);
    code.run();
    super.visitLabel(end);
    if (fallsThrough) {
      super.visitJumpInsn(Opcodes.GOTO, after);
    }
    super.visitLabel(handler);
    frame(handlerLocals, THROWABLE);
    super.visitInsn(Opcodes.POP);
    super.visitInsn(Opcodes.ACONST_NULL);
    super.visitVarInsn(Opcodes.ASTORE, enterSlot);
    super.visitLabel(after);
    frame(concat(declared, inBody), null);
  }

  private void pushInt(int value) {
    if (value <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, value);
    } else {
      super.visitIntInsn(Opcodes.SIPUSH, value);
    }
  }

  /** Boxes the primitive on top of the stack ({@code Integer.valueOf}); a reference stays as it is. */
  private void box(Type type) {
    Type boxed = boxedType(type);
    if (boxed != null) {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
          Type.getMethodDescriptor(boxed, type), false);
    }
  }

  /** Casts the {@code Object} on top of the stack to {@code type}, unboxing for a primitive. */
  private void unbox(Type type) {
    Type boxed = boxedType(type);
    if (boxed == null) {
      if (!type.getDescriptor().equals("Ljava/lang/Object;")) {
        super.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
      }
      return;
    }
    super.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
        Type.getMethodDescriptor(type), false);
  }

  /** {@code java/lang/Integer} for {@code int}, and so on; null for a reference. */
  private static Type boxedType(Type type) {
    return switch (type.getSort()) {
      case Type.BOOLEAN -> Type.getObjectType("java/lang/Boolean");
      case Type.CHAR -> Type.getObjectType("java/lang/Character");
      case Type.BYTE -> Type.getObjectType("java/lang/Byte");
      case Type.SHORT -> Type.getObjectType("java/lang/Short");
      case Type.INT -> Type.getObjectType("java/lang/Integer");
      case Type.FLOAT -> Type.getObjectType("java/lang/Float");
      case Type.LONG -> Type.getObjectType("java/lang/Long");
      case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
      default -> null;
    };
  }

  /** Pushes what {@code call} passes and calls it; {@code thrown} says whether the thrown exception is in its local. */
  private void call(Call call, boolean thrown) {
    Type[] parameters = Type.getArgumentTypes(call.descriptor());
    Value[] values = call.arguments();
    if (parameters.length != values.length) {
      throw new IllegalArgumentException("the call passes " + values.length + " values: " + call);
    }
    for (int i = 0; i < values.length; i++) {
      Type parameter = parameters[i];
      switch (values[i]) {
        case ENTER -> load(entered, enterSlot, parameter);
        case THIS -> super.visitVarInsn(Opcodes.ALOAD, thisSlot);
        case ARGUMENT_0, ARGUMENT_1 -> {
          int index = values[i].argumentIndex();
          load(arguments[index], copySlots[index], parameter);
        }
        case RETURNED -> {
          if (returnSlot >= 0 && !thrown) {
            load(returned, returnSlot, parameter);
          } else {
            pushZero(parameter);
          }
        }
        case THROWN -> {
          if (thrown) {
            super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
          } else {
            super.visitInsn(Opcodes.ACONST_NULL);
          }
        }
        case NULL -> pushZero(parameter);
        case ARGUMENTS -> super.visitVarInsn(Opcodes.ALOAD, argumentsSlot);
        case TYPE -> super.visitLdcInsn(Type.getObjectType(owner));
        case METHOD -> super.visitLdcInsn(methodName);
      }
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, call.owner(), call.name(), call.descriptor(), false);
  }

  private void load(Type type, int slot, Type parameter) {
    super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
    int sort = type.getSort();
    boolean intLike = sort == Type.INT || sort == Type.SHORT || sort == Type.BYTE || sort == Type.BOOLEAN
        || sort == Type.CHAR;
    if (parameter.getSort() == Type.LONG && intLike) {
      super.visitInsn(Opcodes.I2L);
    } else if (parameter.getSort() == Type.DOUBLE && sort == Type.FLOAT) {
      super.visitInsn(Opcodes.F2D);
    } else if (parameter.getSort() == Type.DOUBLE && intLike) {
      super.visitInsn(Opcodes.I2D);
    } else if (isReference(parameter) && !isReference(type)) {
      box(type);
    } else if (parameter.getSort() != sort && !(intLike && parameter.getSort() == Type.INT)
        && !(isReference(type) && isReference(parameter))) {
      throw new IllegalArgumentException("cannot pass a " + type + " as a " + parameter);
    }
  }

  private static boolean isReference(Type type) {
    return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
  }

  private void pushZero(Type type) {
    switch (type.getSort()) {
      case Type.LONG -> super.visitInsn(Opcodes.LCONST_0);
      case Type.FLOAT -> super.visitInsn(Opcodes.FCONST_0);
      case Type.DOUBLE -> super.visitInsn(Opcodes.DCONST_0);
      case Type.OBJECT, Type.ARRAY -> super.visitInsn(Opcodes.ACONST_NULL);
      default -> super.visitInsn(Opcodes.ICONST_0);
    }
  }

  /** Frame entries of the new locals, in slot order; those not yet assigned are top. */
  private Object[] ours(boolean enterSet, boolean returnSet, boolean thrownSet) {
    List<Object> entries = new ArrayList<>();
    if (enterSlot >= 0) {
      entries.add(enterSet ? entered.getInternalName() : Opcodes.TOP);
    }
    if (thisSlot >= 0) {
      entries.add(declared[0]);
    }
    if (argumentsSlot >= 0) {
      entries.add("[Ljava/lang/Object;");
    }
    for (int i = 0; i < arguments.length; i++) {
      if (copySlots[i] >= 0) {
        entries.add(declared[declaredIndex(i)]);
      }
    }
    if (returnSlot >= 0) {
      if (returnSet) {
        entries.add(frameType(returned));
      } else {
        for (int i = 0; i < returned.getSize(); i++) {
          entries.add(Opcodes.TOP);
        }
      }
    }
    if (thrownSlot >= 0) {
      entries.add(thrownSet ? THROWABLE : Opcodes.TOP);
    }
    return entries.toArray();
  }

  /** Frame entries for the arguments' slots where only the new code runs, which never reads them: all top. */
  private Object[] unknownArguments() {
    Object[] entries = new Object[argumentSlots];
    Arrays.fill(entries, Opcodes.TOP);
    return entries;
  }

  private static Object frameType(Type type) {
    return switch (type.getSort()) {
      case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
      case Type.FLOAT -> Opcodes.FLOAT;
      case Type.LONG -> Opcodes.LONG;
      case Type.DOUBLE -> Opcodes.DOUBLE;
      default -> type.getInternalName();
    };
  }

  private static Object[] concat(Object[] first, Object[] second) {
    Object[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private void frame(Object[] locals, String stackTop) {
    if (frames) {
      Object[] stack = stackTop == null ? new Object[0] : new Object[] {stackTop};
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }
  }

  private int moved(int slot) {
    return slot < argumentSlots ? slot : slot + added;
  }

  @Override
  public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
    start();
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames must be expanded");
    }
    List<Object> entries = new ArrayList<>(localCount + added);
    int slot = 0;
    int i = 0;
    while (i < localCount && slot < argumentSlots) {
      Object entry = locals[i++];
      entries.add(entry);
      slot += entry == Opcodes.LONG || entry == Opcodes.DOUBLE ? 2 : 1;
    }
    if (slot > argumentSlots) {
      throw new IllegalStateException("a two-slot local overlaps the last argument");
    }
    for (; slot < argumentSlots; slot++) {
      entries.add(Opcodes.TOP);
    }
    entries.addAll(Arrays.asList(inBody));
    entries.addAll(Arrays.asList(locals).subList(i, localCount));
    super.visitFrame(type, entries.size(), entries.toArray(), stackCount, stack);
  }

  @Override
  public void visitInsn(int opcode) {
    start();
    if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      if (returnSlot >= 0) {
        super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), returnSlot);
      }
      super.visitJumpInsn(Opcodes.GOTO, exitBlock);
      returns = true;
    } else {
      super.visitInsn(opcode);
    }
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    start();
    super.visitLabel(bodyEnd);
    if (returns) {
      Object[] locals = concat(unknownArguments(), ours(true, true, false));
      super.visitLabel(exitBlock);
      frame(locals, null);
      Label after = guardedCall(hook.exit(), false, locals);
      super.visitLabel(after);
      frame(locals, null);
      if (returnSlot >= 0) {
        super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), returnSlot);
      }
      super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
    }
    if (hook.onThrowable()) {
      super.visitLabel(thrownHandler);
      frame(concat(unknownArguments(), inBody), THROWABLE);
      super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
      Object[] locals = concat(unknownArguments(), ours(true, false, true));
      Label after = guardedCall(hook.exit(), true, locals);
      super.visitLabel(after);
      frame(locals, null);
      super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
      super.visitInsn(Opcodes.ATHROW);
    }
    int calls = Math.max(slotsOf(hook.exit()), hook.enter() == null ? 0 : slotsOf(hook.enter()));
    // Boxing the arguments holds the array twice, an index and a two-slot value.
    int boxing = argumentsSlot >= 0 ? 5 : 0;
    super.visitMaxs(Math.max(maxStack, Math.max(Math.max(calls, boxing), 2)), maxLocals + added);
  }

  /** The call, any throwable from it dropped; returns the label after it, still to be visited. */
  private Label guardedCall(Call call, boolean thrown, Object[] locals) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    Label after = new Label();
    super.visitTryCatchBlock(start, end, handler, THROWABLE);
    super.visitLabel(start);
    call(call, thrown);
    Type result = Type.getReturnType(call.descriptor());
    if (result.getSort() != Type.VOID) {
      super.visitInsn(result.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
    }
    super.visitLabel(end);
    super.visitJumpInsn(Opcodes.GOTO, after);
    super.visitLabel(handler);
    frame(locals, THROWABLE);
    super.visitInsn(Opcodes.POP);
    return after;
  }

  private static int slotsOf(Call call) {
    int slots = 0;
    for (Type parameter : Type.getArgumentTypes(call.descriptor())) {
      slots += parameter.getSize();
    }
    return Math.max(slots, Type.getReturnType(call.descriptor()).getSize());
  }

  @Override
  public void visitVarInsn(int opcode, int slot) {
    start();
    super.visitVarInsn(opcode, moved(slot));
  }

  @Override
  public void visitIincInsn(int slot, int increment) {
    start();
    super.visitIincInsn(moved(slot), increment);
  }

  @Override
  public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
      int slot) {
    super.visitLocalVariable(name, descriptor, signature, start, end, moved(slot));
  }

  @Override
  public net.bytebuddy.jar.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef,
      net.bytebuddy.jar.asm.TypePath typePath, Label[] start, Label[] end, int[] slots, String descriptor,
      boolean visible) {
    int[] movedSlots = new int[slots.length];
    for (int i = 0; i < slots.length; i++) {
      movedSlots[i] = moved(slots[i]);
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, movedSlots, descriptor, visible);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    start();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    start();
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    start();
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    start();
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
      Object... arguments) {
    start();
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    start();
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLabel(Label label) {
    start();
    super.visitLabel(label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    start();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label defaultLabel, Label... labels) {
    start();
    super.visitTableSwitchInsn(min, max, defaultLabel, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label defaultLabel, int[] keys, Label[] labels) {
    start();
    super.visitLookupSwitchInsn(defaultLabel, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
    start();
    super.visitMultiANewArrayInsn(descriptor, dimensions);
  }

  @Override
  public void visitLineNumber(int line, Label start) {
    start();
    super.visitLineNumber(line, start);
  }
}
