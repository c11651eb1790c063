package io.querylens.it.cache;

/**
 * Run in a second JVM with the agent: computes the {@code it-slowly} entry for its argument slowly, holding the key's
 * lock meanwhile. A first call on another key makes the method known, so the measured call takes the usual path of
 * a miss (the lock taken in the background), not the first-miss script.
 */
public final class ComputeSlowlyInAnotherJvm {
  public static void main(String[] arguments) throws InterruptedException {
    Kitchen kitchen = new Kitchen();
    kitchen.slowly("warm-up " + java.util.UUID.randomUUID());
    Kitchen.slowMillis = Long.parseLong(arguments[1]);
    System.out.println(kitchen.slowly(arguments[0]));
  }
}
