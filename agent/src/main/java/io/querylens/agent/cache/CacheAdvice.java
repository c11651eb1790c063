package io.querylens.agent.cache;

import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.request.CacheCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice inlined into {@code @Cached} and {@code @CacheEvict} methods. */
final class CacheAdvice {
  private CacheAdvice() {}

  /** On a hit the enter advice returns non-null, the body is skipped, and the exit advice returns the cached value. */
  static final class Cached {
    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static CacheCall enter(@Advice.Origin("#t.#m#d") String method, @Advice.Origin Class<?> type,
        @Advice.AllArguments Object[] arguments, @Advice.Local("querylensCall") CacheCall call) {
      call = CacheBridge.lookup(method, type, arguments);
      return CacheBridge.hit(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter CacheCall hit, @Advice.Local("querylensCall") CacheCall call,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      if (hit != null) {
        returned = hit.value();
      } else if (call != null) {
        CacheBridge.complete(call, returned, thrown);
      }
    }
  }

  /** After a {@code @CacheEvict} method returns normally. */
  static final class Evict {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Origin("#t.#m#d") String method, @Advice.Origin Class<?> type,
        @Advice.AllArguments Object[] arguments, @Advice.Thrown Throwable thrown) {
      if (thrown == null) {
        CacheBridge.evict(method, type, arguments);
      }
    }
  }
}
