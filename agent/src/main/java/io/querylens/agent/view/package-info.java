/**
 * Reading a folder of reports back and aggregating them: per endpoint, per N+1 statement, per cache, and against a
 * query budget. Computation only, no text: the terminal commands ({@code io.querylens.agent.cli}) render it, and a
 * viewer can render the same model. JDK and Jackson only, since this code ships inside the agent jar.
 */
package io.querylens.agent.view;
