package io.querylens.agent.web;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.querylens.agent.instrumentation.InstrumentationModule;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The HTTP request boundary: {@code Filter.doFilter} and {@code Servlet.service} of both servlet generations
 * ({@code jakarta.servlet} and, for older applications, {@code javax.servlet}). The outermost of these calls on a
 * thread opens the request; filters, the servlet, forwards and includes nested inside it belong to the same request.
 */
public final class ServletInstrumentation implements InstrumentationModule {
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
  public AgentBuilder extend(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
    return boundary(boundary(builder, advice, "jakarta.servlet", "io.querylens.agent.web.JakartaServletAdvice"),
        advice, "javax.servlet", "io.querylens.agent.web.JavaxServletAdvice");
  }

  private static AgentBuilder boundary(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice, String api,
      String adviceClass) {
    String request = api + ".ServletRequest";
    String response = api + ".ServletResponse";
    return builder
        .type(not(isInterface()).and(failSafe(hasSuperType(named(api + ".Filter")))))
        .transform(advice.advice(named("doFilter").and(not(isAbstract())).and(takesArguments(3))
            .and(takesArgument(0, named(request))).and(takesArgument(1, named(response))), adviceClass))
        .type(not(isInterface()).and(failSafe(hasSuperType(named(api + ".Servlet")))))
        .transform(advice.advice(named("service").and(not(isAbstract())).and(takesArguments(2))
            .and(takesArgument(0, named(request))).and(takesArgument(1, named(response))), adviceClass));
  }
}
