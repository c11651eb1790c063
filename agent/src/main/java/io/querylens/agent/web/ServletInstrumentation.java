package io.querylens.agent.web;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Value;
import java.util.List;
import java.util.Set;

/**
 * The HTTP request boundary: {@code Filter.doFilter} and {@code Servlet.service} of both servlet generations
 * ({@code jakarta.servlet} and, for older applications, {@code javax.servlet}). The outermost of these calls on a
 * thread opens the request; filters, the servlet, forwards and includes nested inside it belong to the same request.
 * What the woven calls do is in {@code WebBridge}.
 */
public final class ServletInstrumentation implements InstrumentationModule {
  private static final String BRIDGE = "io/querylens/agent/bridge/WebBridge";
  private static final String SCOPE = "Lio/querylens/agent/request/RequestScope;";

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public Set<String> supertypes() {
    return Set.of("jakarta/servlet/Filter", "jakarta/servlet/Servlet", "javax/servlet/Filter", "javax/servlet/Servlet");
  }

  @Override
  public Set<String> methods() {
    return Set.of("doFilter", "service");
  }

  @Override
  public List<MethodHook> hooks() {
    return List.of(boundary("jakarta/servlet", "Filter", "doFilter", "Jakarta"),
        boundary("jakarta/servlet", "Servlet", "service", "Jakarta"),
        boundary("javax/servlet", "Filter", "doFilter", "Javax"),
        boundary("javax/servlet", "Servlet", "service", "Javax"));
  }

  /**
   * {@code doFilter(request, response, chain)} or {@code service(request, response)}, typed by the servlet API
   * itself: an {@code HttpServlet}'s {@code service(HttpServletRequest, HttpServletResponse)} is nested inside the
   * generic one.
   */
  private static MethodHook boundary(String api, String type, String method, String generation) {
    String arguments = "(L" + api + "/ServletRequest;L" + api + "/ServletResponse;";
    int argumentCount = method.equals("doFilter") ? 3 : 2;
    return new MethodHook(Set.of(api + "/" + type),
        (name, descriptor) -> name.equals(method) && descriptor.startsWith(arguments)
            && descriptor.endsWith(")V") && MethodHook.argumentCount(descriptor) == argumentCount,
        new Call(BRIDGE, "open" + generation, "(Ljava/lang/Object;)" + SCOPE, Value.ARGUMENT_0),
        new Call(BRIDGE, "close" + generation, "(" + SCOPE + "Ljava/lang/Object;Ljava/lang/Throwable;)V",
            Value.ENTER, Value.ARGUMENT_1, Value.THROWN),
        true);
  }
}
