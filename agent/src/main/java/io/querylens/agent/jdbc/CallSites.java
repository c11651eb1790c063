package io.querylens.agent.jdbc;

import java.util.Optional;

/**
 * Finds the application line that issued a statement: the first stack frame that belongs to none of the JDK,
 * drivers, pools, ORMs, frameworks, servers or the agent.
 *
 * <p>A stack walk costs microseconds, so it is taken once per distinct statement per request, never per execute.
 */
final class CallSites {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private static final String[] FRAMEWORK_PREFIXES = {
      "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
      "io.querylens.agent.",
      // pools and drivers
      "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.tomcat.", "com.mchange.", "org.h2.",
      "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.", "com.microsoft.sqlserver.", "org.hsqldb.",
      "org.apache.derby.", "org.sqlite.", "net.sf.log4jdbc.", "com.p6spy.", "net.ttddyy.",
      // ORMs, mappers and frameworks
      "org.hibernate.", "org.springframework.", "org.jooq.", "org.mybatis.", "org.apache.ibatis.",
      "org.eclipse.persistence.", "org.jdbi.", "io.micrometer.", "io.opentelemetry.", "kotlin.", "scala.",
      "groovy.", "org.codehaus.groovy.",
      // servers
      "org.apache.catalina.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.", "org.glassfish.",
      "org.jboss.", "io.netty.", "reactor.",
      // generated proxies, whatever package they sit in
  };

  private CallSites() {}

  /** The first application frame above the current call, as {@code Class.method(File.java:line)}, or null. */
  static String capture() {
    Optional<StackWalker.StackFrame> frame =
        WALKER.walk(frames -> frames.filter(f -> isApplication(f.getClassName())).findFirst());
    return frame.map(CallSites::describe).orElse(null);
  }

  static boolean isApplication(String className) {
    for (String prefix : FRAMEWORK_PREFIXES) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    // Hibernate, Spring CGLIB and Byte Buddy proxies of application classes carry the application's package.
    return !className.contains("$$") && !className.contains("$HibernateProxy") && !className.contains("$ByteBuddy");
  }

  private static String describe(StackWalker.StackFrame frame) {
    String file = frame.getFileName();
    int line = frame.getLineNumber();
    return frame.getClassName() + '.' + frame.getMethodName()
        + '(' + (file == null ? "Unknown Source" : file) + (line > 0 ? ":" + line : "") + ')';
  }
}
