package io.querylens.it.cache;

/** Run in a second JVM with the agent: fills the {@code it-list} entry for its argument, then exits. */
public final class FillFromAnotherJvm {
  public static void main(String[] arguments) {
    Kitchen kitchen = new Kitchen();
    kitchen.list(arguments[0]);
    System.out.println("filled, body ran " + kitchen.runs("list") + " time(s)");
  }
}
