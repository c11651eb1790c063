package io.querylens.agent.instrumentation;

import static io.querylens.agent.instrumentation.WovenClasses.classFile;
import static io.querylens.agent.instrumentation.WovenClasses.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Value;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Woven methods run: the calls see what they were given, and the method's own results, exceptions and handlers are
 * left as they were, also when the calls themselves throw.
 */
class HookWeaverTest {
  private static final String RECORDER = "io/querylens/agent/instrumentation/HookWeaverTest$Recorder";

  /** What the woven calls passed, and whether they throw. */
  public static final class Recorder {
    static final List<Object[]> EXITS = new CopyOnWriteArrayList<>();
    static volatile boolean failing;

    public static Object enter(Object self) {
      if (failing) {
        throw new IllegalStateException("enter failed");
      }
      return self == null ? null : "entered";
    }

    public static void exit(Object entered, Object self, Object argument, Throwable thrown) {
      EXITS.add(new Object[] {entered, self == null ? null : "self", argument, thrown});
      if (failing) {
        throw new IllegalStateException("exit failed");
      }
    }

    public static void exitLong(Object entered, long argument, long returned, Throwable thrown) {
      EXITS.add(new Object[] {entered, argument, returned, thrown});
      if (failing) {
        throw new StackOverflowError("exit failed");
      }
    }
  }

  public static class Subject {
    public String pick(String value, int index) {
      try {
        if (index > 0) {
          return value;
        }
        throw new IllegalStateException("own");
      } catch (IllegalStateException handledHere) {
        return "caught";
      }
    }

    public void fail(String message) throws IOException {
      throw new IOException(message);
    }

    public double reuse(String value) {
      value = null; // the exit still sees the argument as it was passed
      Object other = value;
      double result = other == null ? 2.5 : 0;
      return result;
    }

    public long add(long first, int second) {
      long sum = first;
      for (int i = 0; i < second; i++) {
        sum++;
      }
      return sum;
    }

    public synchronized int[] array(String value) {
      return new int[] {value.length()};
    }
  }

  @AfterEach
  void reset() {
    Recorder.EXITS.clear();
    Recorder.failing = false;
  }

  @Test
  void theCallsSeeTheEnterValueThisTheArgumentAndTheOutcome() throws Exception {
    Object subject = wovenSubject();
    assertEquals("a", invoke(subject, "pick", "a", 1));
    assertEquals("caught", invoke(subject, "pick", "b", 0));
    assertEquals(2.5, invoke(subject, "reuse", "kept"));
    assertEquals(7L, invoke(subject, "add", 3L, 4));
    assertArrayEquals(new int[] {3}, (int[]) invoke(subject, "array", "abc"));
    IOException thrown = assertThrows(IOException.class, () -> invoke(subject, "fail", "boom"));
    assertEquals("boom", thrown.getMessage());

    assertEquals(6, Recorder.EXITS.size());
    assertArrayEquals(new Object[] {"entered", "self", "a", null}, Recorder.EXITS.get(0));
    assertArrayEquals(new Object[] {"entered", "self", "b", null}, Recorder.EXITS.get(1));
    assertArrayEquals(new Object[] {"entered", "self", "kept", null}, Recorder.EXITS.get(2));
    assertArrayEquals(new Object[] {null, 3L, 7L, null}, Recorder.EXITS.get(3));
    assertArrayEquals(new Object[] {"entered", "self", "abc", null}, Recorder.EXITS.get(4));
    assertSame(thrown, Recorder.EXITS.get(5)[3]);
  }

  @Test
  void whatTheCallsThrowIsDroppedAndTheMethodRunsAsIfUnwoven() throws Exception {
    Object subject = wovenSubject();
    Recorder.failing = true;
    assertEquals("a", invoke(subject, "pick", "a", 1));
    assertEquals("caught", invoke(subject, "pick", "b", 0));
    assertEquals(7L, invoke(subject, "add", 3L, 4));
    IOException thrown = assertThrows(IOException.class, () -> invoke(subject, "fail", "boom"));
    assertEquals("boom", thrown.getMessage());
    assertEquals(null, Recorder.EXITS.get(0)[0], "the enter call failed, so the exit sees null");
  }

  @Test
  void aClassNoHookMatchesIsLeftAsItWas() throws Exception {
    MethodHook none = new MethodHook(Set.of(), (name, descriptor) -> false, null,
        new Call(RECORDER, "exit", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V"),
        false);
    assertEquals(null, HookWeaver.weave(classFile(Subject.class), List.of(none), null));
  }

  private static Object wovenSubject() throws Exception {
    String object = "Ljava/lang/Object;";
    Call enter = new Call(RECORDER, "enter", "(" + object + ")" + object, Value.THIS);
    MethodHook references = new MethodHook(Set.of(),
        (name, descriptor) -> List.of("pick", "fail", "reuse", "array").contains(name), enter,
        new Call(RECORDER, "exit", "(" + object + object + object + "Ljava/lang/Throwable;)V",
            Value.ENTER, Value.THIS, Value.ARGUMENT_0, Value.THROWN), true);
    MethodHook longs = new MethodHook(Set.of(), (name, descriptor) -> name.equals("add"), null,
        new Call(RECORDER, "exitLong", "(" + object + "JJLjava/lang/Throwable;)V",
            Value.NULL, Value.ARGUMENT_0, Value.RETURNED, Value.THROWN), false);
    byte[] woven = HookWeaver.weave(classFile(Subject.class), List.of(references, longs), null);
    return WovenClasses.load(Subject.class, woven).getConstructor().newInstance();
  }


}
