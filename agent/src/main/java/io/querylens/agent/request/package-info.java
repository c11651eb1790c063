/**
 * The state of one request and one thread, JDK classes only, below every other package: the request scope, its
 * query log and cache log, the calls woven into {@code @Cached} methods carry, and the thread's context. Code woven into
 * application classes and the bridge reach it; it reaches nothing of the agent's.
 */
package io.querylens.agent.request;
