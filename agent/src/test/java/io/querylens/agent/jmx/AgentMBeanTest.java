package io.querylens.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** When the MBean appears: not at start-up, but once the application is up, or after the wait if it never says so. */
class AgentMBeanTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void unregister() throws Exception {
    ObjectName name = new ObjectName(AgentMBean.NAME);
    if (server.isRegistered(name)) {
      server.unregisterMBean(name);
    }
  }

  @Test
  void isRegisteredOnceTheApplicationIsUpAndNotBefore() throws Exception {
    Runnable up = AgentMBean.registerOnceUp(null, null, LoggerFactory.getLogger("test"), 60_000);
    Thread.sleep(200);
    assertFalse(server.isRegistered(new ObjectName(AgentMBean.NAME)), "registered before the application was up");

    up.run();
    up.run();

    assertTrue(awaitRegistered(), "not registered 10 s after the application was up");
  }

  @Test
  void isRegisteredAfterTheWaitWhenNothingSaysTheApplicationIsUp() throws Exception {
    AgentMBean.registerOnceUp(null, null, LoggerFactory.getLogger("test"), 100);

    assertTrue(awaitRegistered(), "not registered 10 s after the wait");
  }

  private boolean awaitRegistered() throws Exception {
    ObjectName name = new ObjectName(AgentMBean.NAME);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!server.isRegistered(name) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return server.isRegistered(name);
  }
}
