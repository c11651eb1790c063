package io.querylens.it.cache;

/**
 * Run in a second JVM with the agent: computes the {@code it-slowly} entry for its argument slowly, holding the key's
 * lock meanwhile. A first, as slow, call on another key makes the method and its slowness known, so the measured
 * call takes the usual path of a slow method's miss (the lock taken in the background), not the first-miss script.
 */
public final class ComputeSlowlyInAnotherJvm {
  public static void main(String[] arguments) throws InterruptedException {
    Kitchen kitchen = new Kitchen();
    Kitchen.slowMillis = Long.parseLong(arguments[1]);
    kitchen.slowly("warm-up " + java.util.UUID.randomUUID());
    System.out.println(kitchen.slowly(arguments[0]));
  }
}
