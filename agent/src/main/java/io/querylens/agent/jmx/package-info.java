/** The agent's own health for monitoring tools: one JMX MXBean, JDK only. */
package io.querylens.agent.jmx;
