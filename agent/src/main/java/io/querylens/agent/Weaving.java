package io.querylens.agent;

import io.querylens.agent.CandidateClasses.Candidate;
import io.querylens.agent.instrumentation.HookWeaver;
import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.StateFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The instrumentations that need no Byte Buddy (JDBC, servlets): for a class the prefilter let through, picks the
 * hooks and fields whose super types the class reaches, from the prefilter's answer alone, and weaves them with
 * {@link HookWeaver}. A super type whose class file could not be read counts as reached by nothing here, as Byte
 * Buddy's fail-safe matchers counted it; the statement fields then stay off, since the class cannot be known to be
 * the topmost.
 */
final class Weaving {
  private final List<Hook> hooks = new ArrayList<>();
  private final List<Fields> fields = new ArrayList<>();
  /** The classes woven calls go to; a loader that cannot see them gets nothing woven. */
  private final Set<String> owners = new LinkedHashSet<>();
  private final Map<ClassLoader, Boolean> loaderSeesAgent = new WeakHashMap<>();
  private final Consumer<String> warnings;
  private final AtomicBoolean warnedOfBlindLoader = new AtomicBoolean();
  private final AtomicBoolean warnedOfFailure = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();

  private record Hook(int bits, MethodHook hook) {}

  private record Fields(int bits, StateFields fields) {}

  Weaving(CandidateClasses candidates, List<InstrumentationModule> modules, Consumer<String> warnings) {
    this.warnings = warnings;
    for (InstrumentationModule module : modules) {
      for (MethodHook hook : module.hooks()) {
        hooks.add(new Hook(bits(candidates, hook.supertypes()), hook));
        if (hook.enter() != null) {
          owners.add(hook.enter().owner());
        }
        owners.add(hook.exit().owner());
      }
      for (StateFields each : module.stateFields()) {
        fields.add(new Fields(bits(candidates, each.supertypes()), each));
        owners.add(each.holder());
      }
    }
  }

  private static int bits(CandidateClasses candidates, Set<String> supertypes) {
    int bits = 0;
    for (String supertype : supertypes) {
      int bit = candidates.bitOf(supertype);
      if (bit == 0) {
        throw new IllegalArgumentException(supertype + " is not among the prefilter's super types");
      }
      bits |= bit;
    }
    return bits;
  }

  /** The class file with what applies woven in; null if nothing applies or it could not be woven (said once). */
  byte[] weave(ClassLoader loader, Candidate candidate, byte[] classFile) {
    if (candidate.header() == null || PrefilteringTransformer.isJdkLoader(loader)) {
      return null;
    }
    List<MethodHook> applicable = new ArrayList<>(2);
    for (Hook each : hooks) {
      if ((candidate.reached() & each.bits()) != 0) {
        applicable.add(each.hook());
      }
    }
    StateFields added = null;
    for (Fields each : fields) {
      if ((candidate.reached() & each.bits()) != 0
          && (candidate.superclassReached() & (each.bits() | CandidateClasses.UNREADABLE)) == 0) {
        added = each.fields();
      }
    }
    if ((applicable.isEmpty() && added == null) || !seesAgent(loader)) {
      return null;
    }
    try {
      return HookWeaver.weave(classFile, applicable, added);
    } catch (Throwable failure) {
      failures.incrementAndGet();
      if (warnedOfFailure.compareAndSet(false, true)) {
        warnings.accept("querylens: " + candidate.header().name().replace('/', '.') + " could not be instrumented and "
            + "loads as it is (" + failure + "); said once for all such classes");
      }
      return null;
    }
  }

  /** Classes that could not be woven, for tests and diagnostics. */
  long failures() {
    return failures.get();
  }

  private boolean seesAgent(ClassLoader loader) {
    synchronized (loaderSeesAgent) {
      Boolean known = loaderSeesAgent.get(loader);
      if (known != null) {
        return known;
      }
    }
    boolean sees = true;
    for (String owner : owners) {
      String className = owner.replace('/', '.');
      try {
        sees &= Class.forName(className, false, loader) == Class.forName(className, false, getClass().getClassLoader());
      } catch (ClassNotFoundException | LinkageError notVisible) {
        sees = false;
      }
    }
    synchronized (loaderSeesAgent) {
      loaderSeesAgent.put(loader, sees);
    }
    if (!sees && warnedOfBlindLoader.compareAndSet(false, true)) {
      warnings.accept("querylens: classes of " + loader + " cannot see the agent's classes, so their JDBC and "
          + "servlet calls are not counted (said once for all such class loaders)");
    }
    return sees;
  }
}
