package io.querylens.agent;

import io.querylens.agent.CandidateClasses.Candidate;
import io.querylens.agent.instrumentation.HookWeaver;
import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.StateFields;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * For a class the prefilter let through, picks the hooks and fields whose super types the class reaches, from the
 * prefilter's answer alone, adds the hooks a marked class's annotations call for (the cache's), and weaves them with
 * {@link HookWeaver}. A super type whose class file could not be read counts as reached by nothing here; the
 * statement fields then stay off, since the class cannot be known to be the topmost.
 */
final class Weaving {
  private final List<Hook> hooks = new ArrayList<>();
  private final List<Fields> fields = new ArrayList<>();
  /** The instrumentations whose hooks depend on what a marked class declares. */
  private final List<InstrumentationModule> perClass = new ArrayList<>();
  /** Per class loader, whether the classes woven calls go to are visible from it, and are the agent's own. */
  private final Map<ClassLoader, Map<String, Boolean>> loaderSeesAgent = new WeakHashMap<>();
  private final Instrumentation jvm;
  private final Consumer<String> warnings;
  private final AtomicBoolean warnedOfBlindLoader = new AtomicBoolean();
  private final AtomicBoolean warnedOfFailure = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();

  private record Hook(int bits, MethodHook hook) {}

  private record Fields(int bits, StateFields fields) {}

  /**
   * @param jvm gives a named module that gets woven calls (a JDK proxy's) a read edge to the agent; null where
   *     there is none, in tests
   */
  Weaving(CandidateClasses candidates, List<InstrumentationModule> modules, Instrumentation jvm,
      Consumer<String> warnings) {
    this.jvm = jvm;
    this.warnings = warnings;
    for (InstrumentationModule module : modules) {
      for (MethodHook hook : module.hooks()) {
        hooks.add(new Hook(bits(candidates, hook.supertypes()), hook));
      }
      for (StateFields each : module.stateFields()) {
        fields.add(new Fields(bits(candidates, each.supertypes()), each));
      }
      if (!module.markers().isEmpty()) {
        perClass.add(module);
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

  /**
   * The class file with what applies woven in; null if nothing applies or it could not be woven (said once).
   *
   * @param module the class's module, or null if the JVM did not say
   */
  byte[] weave(ClassLoader loader, Candidate candidate, byte[] classFile, Module module) {
    if (candidate.header() == null || PrefilteringTransformer.isJdkLoader(loader)) {
      return null;
    }
    try {
      List<MethodHook> applicable = new ArrayList<>(2);
      Set<String> owners = new LinkedHashSet<>();
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
          owners.add(added.holder());
        }
      }
      if ((candidate.reached() & CandidateClasses.MARKED) != 0) {
        for (InstrumentationModule each : perClass) {
          applicable.addAll(each.hooksFor(loader, candidate.header().name(), classFile));
        }
      }
      if (applicable.isEmpty() && added == null) {
        return null;
      }
      for (MethodHook hook : applicable) {
        if (hook.enter() != null) {
          owners.add(hook.enter().owner());
        }
        owners.add(hook.exit().owner());
      }
      if (!seesAgent(loader, owners)) {
        return null;
      }
      byte[] woven = HookWeaver.weave(classFile, applicable, added);
      if (woven != null) {
        readAgent(module);
      }
      return woven;
    } catch (Throwable failure) {
      failures.incrementAndGet();
      if (warnedOfFailure.compareAndSet(false, true)) {
        warnings.accept("querylens: " + candidate.header().name().replace('/', '.') + " could not be instrumented and "
            + "loads as it is (" + failure + "); said once for all such classes");
      }
      return null;
    }
  }

  /**
   * Lets a named module read the agent's classes, which its woven calls reach: a JDK proxy lives in a dynamic module
   * of its own, which reads only what its interfaces need.
   */
  private void readAgent(Module module) {
    Module agent = Weaving.class.getModule();
    if (module != null && module.isNamed() && !module.canRead(agent) && jvm != null
        && jvm.isModifiableModule(module)) {
      jvm.redefineModule(module, Set.of(agent), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /** Classes that could not be woven, for tests and diagnostics. */
  long failures() {
    return failures.get();
  }

  private boolean seesAgent(ClassLoader loader, Set<String> owners) {
    Map<String, Boolean> known;
    synchronized (loaderSeesAgent) {
      known = loaderSeesAgent.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
    boolean sees = true;
    for (String owner : owners) {
      sees &= known.computeIfAbsent(owner, name -> isAgentClass(loader, name.replace('/', '.')));
    }
    if (!sees && warnedOfBlindLoader.compareAndSet(false, true)) {
      warnings.accept("querylens: classes of " + loader + " cannot see the agent's classes, so their JDBC and "
          + "servlet calls are not counted and their @Cached methods run uncached (said once for all such class "
          + "loaders)");
    }
    return sees;
  }

  private boolean isAgentClass(ClassLoader loader, String className) {
    try {
      return Class.forName(className, false, loader) == Class.forName(className, false, getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError notVisible) {
      return false;
    }
  }
}
