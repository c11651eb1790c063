package io.querylens.agent.bridge;

import io.querylens.agent.request.RequestScope;
import java.lang.reflect.Method;

/**
 * The request boundary's calls into the servlet API of one generation ({@code jakarta.servlet} or
 * {@code javax.servlet}), made by reflection: the API belongs to the container's class loader, which the agent's
 * classes cannot see, and the woven code passes the request and response as plain objects. The methods are looked up
 * once per request and response class. Only the outermost call on a thread gets this far: nested filters stop at the
 * thread-local check.
 */
final class ServletCalls {
  private final String httpRequest;
  private final String httpResponse;
  /** getDispatcherType, getMethod and getRequestURI of the class's HttpServletRequest; null if it is not one. */
  private final ClassValue<Method[]> requestCalls = new ClassValue<>() {
    @Override
    protected Method[] computeValue(Class<?> type) {
      Class<?> api = find(type, httpRequest);
      if (api == null) {
        return null;
      }
      try {
        return new Method[] {api.getMethod("getDispatcherType"), api.getMethod("getMethod"),
            api.getMethod("getRequestURI")};
      } catch (NoSuchMethodException notServletApi) {
        return null;
      }
    }
  };
  private final ClassValue<Method> statusCall = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      Class<?> api = find(type, httpResponse);
      try {
        return api == null ? null : api.getMethod("getStatus");
      } catch (NoSuchMethodException servletBefore3) {
        return null;
      }
    }
  };

  ServletCalls(String api) {
    httpRequest = api + ".http.HttpServletRequest";
    httpResponse = api + ".http.HttpServletResponse";
  }

  /** A new request if this is the outermost call on the thread and a REQUEST dispatch of an HTTP request. */
  RequestScope open(Object request) {
    if (RequestScope.current() != null || request == null) {
      return null;
    }
    try {
      Method[] calls = requestCalls.get(request.getClass());
      if (calls == null) {
        return null;
      }
      Object dispatch = calls[0].invoke(request);
      if (!(dispatch instanceof Enum<?> type) || !"REQUEST".equals(type.name())) {
        return null; // an ERROR or ASYNC dispatch calls back for a request that already had its report
      }
      return WebBridge.open((String) calls[1].invoke(request), (String) calls[2].invoke(request));
    } catch (Throwable failure) {
      AgentFailures.record("web.open", failure);
      return null;
    }
  }

  /** Closes the request {@link #open} returned, with the response's status. */
  void close(RequestScope scope, Object response, Throwable thrown) {
    if (scope == null) {
      return;
    }
    int status = 200;
    try {
      if (thrown != null) {
        status = 500; // the container turns an exception escaping the outermost call into a 500
      } else if (response != null) {
        Method getStatus = statusCall.get(response.getClass());
        if (getStatus != null) {
          status = (Integer) getStatus.invoke(response);
        }
      }
    } catch (Throwable failure) {
      AgentFailures.record("web.status", failure);
    }
    WebBridge.close(scope, status);
  }

  /** The interface of that name the class implements, found by name because its class loader is not ours. */
  private static Class<?> find(Class<?> type, String name) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      Class<?> found = findInterface(current, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Class<?> findInterface(Class<?> type, String name) {
    for (Class<?> implemented : type.getInterfaces()) {
      if (implemented.getName().equals(name)) {
        return implemented;
      }
      Class<?> found = findInterface(implemented, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
