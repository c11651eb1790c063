/**
 * Reading the agent's settings from agent arguments, system properties and environment variables, with defaults and
 * validation messages that name the key and the accepted values. JDK only: it runs before logging is set up.
 */
package io.querylens.agent.config;
