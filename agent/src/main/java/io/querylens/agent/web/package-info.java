/** The HTTP request boundary: servlet filters and servlets of both {@code jakarta.servlet} and {@code javax.servlet}. */
package io.querylens.agent.web;
