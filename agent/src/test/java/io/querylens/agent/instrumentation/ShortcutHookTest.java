package io.querylens.agent.instrumentation;

import static io.querylens.agent.instrumentation.WovenClasses.classFile;
import static io.querylens.agent.instrumentation.WovenClasses.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Shortcut;
import io.querylens.agent.instrumentation.MethodHook.Value;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks the cache weaves: the arguments boxed into an array, the class and method as constants, a shortcut that
 * returns a value in place of the body (unboxed for a primitive), static methods, and two hooks on one method.
 */
class ShortcutHookTest {
  private static final String RECORDER = "io/querylens/agent/instrumentation/ShortcutHookTest$Recorder";
  private static final String OBJECT = "Ljava/lang/Object;";
  private static final Call LOOKUP = new Call(RECORDER, "lookup",
      "(Ljava/lang/String;Ljava/lang/Class;[Ljava/lang/Object;)" + OBJECT, Value.METHOD, Value.TYPE,
      Value.ARGUMENTS);
  private static final Shortcut HIT = new Shortcut(new Call(RECORDER, "isHit", "(" + OBJECT + ")Z", Value.ENTER),
      new Call(RECORDER, "hitValue", "(" + OBJECT + ")" + OBJECT, Value.ENTER));
  private static final Call COMPLETE = new Call(RECORDER, "complete",
      "(" + OBJECT + OBJECT + "Ljava/lang/Throwable;)V", Value.ENTER, Value.RETURNED, Value.THROWN);
  private static final Call EVICT = new Call(RECORDER, "evict",
      "(Ljava/lang/String;[Ljava/lang/Object;Ljava/lang/Throwable;)V", Value.METHOD, Value.ARGUMENTS, Value.THROWN);

  /** What the woven calls saw; {@link #hit} decides whether the shortcut is taken, and with what. */
  public static final class Recorder {
    static final List<Object[]> CALLS = new CopyOnWriteArrayList<>();
    static volatile Object hit;
    static volatile boolean failing;

    public static Object lookup(String method, Class<?> type, Object[] arguments) {
      CALLS.add(new Object[] {"lookup", method, type, arguments});
      return "ticket";
    }

    public static boolean isHit(Object ticket) {
      if (failing) {
        throw new IllegalStateException("isHit failed");
      }
      return hit != null;
    }

    public static Object hitValue(Object ticket) {
      return hit == NULL ? null : hit;
    }

    public static void complete(Object ticket, Object returned, Throwable thrown) {
      CALLS.add(new Object[] {"complete", ticket, returned, thrown});
    }

    public static void evict(String method, Object[] arguments, Throwable thrown) {
      CALLS.add(new Object[] {"evict", method, arguments, thrown});
    }

    static final Object NULL = new Object();
  }

  public static class Priced {
    public static int bodies;

    public int count(String key, long n, double d, boolean b) {
      bodies++;
      return key.length() + (int) n + (int) d + (b ? 1 : 0);
    }

    public String name(int id) throws java.io.IOException {
      bodies++;
      if (id < 0) {
        throw new java.io.IOException("negative");
      }
      return "name" + id;
    }

    public static List<String> listOf(String value, char c) {
      bodies++;
      return List.of(value, String.valueOf(c));
    }
  }

  @AfterEach
  void reset() {
    Recorder.CALLS.clear();
    Recorder.hit = null;
    Recorder.failing = false;
    Priced.bodies = 0;
  }

  @Test
  void aMissRunsTheBodyAndCompletesWithTheBoxedResult() throws Exception {
    Class<?> woven = woven(List.of(cached()));
    Object priced = woven.getConstructor().newInstance();
    assertEquals(3 + 2 + 1 + 1, invoke(priced, "count", "abc", 2L, 1.5, true));
    assertEquals(1, bodies(woven));
    Object[] lookup = Recorder.CALLS.get(0);
    assertEquals(Priced.class.getName() + ".count(Ljava/lang/String;JDZ)I", lookup[1]);
    assertSame(woven, lookup[2]);
    assertArrayEquals(new Object[] {"abc", 2L, 1.5, true}, (Object[]) lookup[3]);
    assertArrayEquals(new Object[] {"complete", "ticket", 7, null}, Recorder.CALLS.get(1));
  }

  @Test
  void aHitReturnsItsValueUnboxedAndSkipsBodyAndExit() throws Exception {
    Class<?> woven = woven(List.of(cached()));
    Object priced = woven.getConstructor().newInstance();
    Recorder.hit = 42;
    assertEquals(42, invoke(priced, "count", "abc", 2L, 1.5, true));
    Recorder.hit = "cached";
    assertEquals("cached", invoke(priced, "name", 1));
    Recorder.hit = Recorder.NULL;
    assertNull(invoke(priced, "name", 2), "a cached null");
    assertEquals(0, bodies(woven));
    assertEquals(3, Recorder.CALLS.size(), "three lookups, no completion");
  }

  @Test
  void aHitOfTheWrongTypeOrAFailingShortcutRunsTheBodyUncached() throws Exception {
    Class<?> woven = woven(List.of(cached()));
    Object priced = woven.getConstructor().newInstance();
    Recorder.hit = "not an int";
    assertEquals(4, invoke(priced, "count", "a", 1L, 1.0, true));
    Recorder.hit = null;
    Recorder.failing = true;
    assertEquals("name3", invoke(priced, "name", 3));
    assertEquals(2, bodies(woven));
    assertArrayEquals(new Object[] {"complete", null, 4, null}, Recorder.CALLS.get(1), "the ticket was dropped");
    assertArrayEquals(new Object[] {"complete", null, "name3", null}, Recorder.CALLS.get(3));
  }

  @Test
  void theExitSeesTheExceptionAndTheMethodStillThrowsIt() throws Exception {
    Class<?> woven = woven(List.of(cached()));
    Object priced = woven.getConstructor().newInstance();
    java.io.IOException thrown = assertThrows(java.io.IOException.class, () -> invoke(priced, "name", -1));
    assertSame(thrown, Recorder.CALLS.get(1)[3]);
  }

  @Test
  void staticMethodsAreWovenWhenTheHookAsks() throws Exception {
    Class<?> woven = woven(List.of(cached()));
    Recorder.hit = List.of("cached");
    assertEquals(List.of("cached"), woven.getMethod("listOf", String.class, char.class).invoke(null, "a", 'b'));
    Recorder.hit = null;
    assertEquals(List.of("a", "b"), woven.getMethod("listOf", String.class, char.class).invoke(null, "a", 'b'));
    assertArrayEquals(new Object[] {"a", 'b'}, (Object[]) Recorder.CALLS.get(0)[3]);
    assertEquals(Priced.class.getName() + ".listOf(Ljava/lang/String;C)Ljava/util/List;",
        Recorder.CALLS.get(0)[1]);
  }

  @Test
  void twoHooksOnOneMethodBothRunTheFirstOutermost() throws Exception {
    MethodHook evict = new MethodHook(Set.of(), (name, descriptor) -> name.equals("name"), null, EVICT, true, null,
        true);
    Class<?> woven = woven(List.of(evict, cached()));
    Object priced = woven.getConstructor().newInstance();
    assertEquals("name5", invoke(priced, "name", 5));
    assertEquals(List.of("lookup", "complete", "evict"), Recorder.CALLS.stream().map(call -> call[0]).toList());
    assertArrayEquals(new Object[] {5}, (Object[]) Recorder.CALLS.get(2)[2]);
  }

  private static MethodHook cached() {
    return new MethodHook(Set.of(), (name, descriptor) -> !name.equals("bodies"), LOOKUP, COMPLETE, true, HIT,
        true);
  }

  private static int bodies(Class<?> woven) throws Exception {
    return woven.getField("bodies").getInt(null);
  }

  private static Class<?> woven(List<MethodHook> hooks) throws Exception {
    return WovenClasses.load(Priced.class, HookWeaver.weave(classFile(Priced.class), hooks, null));
  }
}
