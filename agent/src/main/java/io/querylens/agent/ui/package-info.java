/**
 * The report viewer: one page, served live by the agent ({@code ui.port}) or written to a file by
 * {@code java -jar querylens-agent.jar html}. It shows what the reports hold and nothing more; the aggregation is
 * {@code view}'s, shared with the terminal summary.
 */
package io.querylens.agent.ui;
