package io.querylens.agent.web;

import io.querylens.agent.request.RequestScope;
import io.querylens.agent.bridge.WebBridge;
import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code javax.servlet} filters and servlets. Only a REQUEST dispatch opens a request: an ERROR or
 * ASYNC dispatch is the container calling back for a request that already had its report.
 */
final class JavaxServletAdvice {
  private JavaxServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static RequestScope enter(@Advice.Argument(0) ServletRequest request) {
    if (RequestScope.current() != null || !(request instanceof HttpServletRequest)
        || request.getDispatcherType() != DispatcherType.REQUEST) {
      return null;
    }
    HttpServletRequest http = (HttpServletRequest) request;
    return WebBridge.open(http.getMethod(), http.getRequestURI());
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter RequestScope scope, @Advice.Argument(1) ServletResponse response,
      @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      int status = 200;
      if (thrown != null) {
        status = 500; // the container turns an exception escaping the outermost call into a 500
      } else if (response instanceof HttpServletResponse) {
        status = ((HttpServletResponse) response).getStatus();
      }
      WebBridge.close(scope, status);
    }
  }
}
