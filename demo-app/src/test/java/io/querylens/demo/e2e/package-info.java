/**
 * End-to-end tests of the agent against the packaged demo: each launches {@code querylens-demo.jar} in its own JVM
 * (with and without {@code -javaagent:querylens-agent.jar}, on every JDK under test), calls it over HTTP and reads the
 * JSON reports the agent writes. Run by failsafe in {@code mvn verify}; the class path of these tests never holds the
 * agent or the app.
 */
package io.querylens.demo.e2e;
