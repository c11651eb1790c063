/**
 * The agent jar's {@code Main-Class}: {@code summary} and {@code check} over a folder of reports, rendered as text.
 * What they compute lives in {@code io.querylens.agent.view}; this package parses arguments and writes lines.
 */
package io.querylens.agent.cli;
