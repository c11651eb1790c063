/**
 * The agent's entry point ({@link io.querylens.agent.QueryLensAgent}, the jar's {@code Premain-Class}), the one
 * place that wires the parts, and the class-file prefilter that chooses what to weave. One concern per sub-package, from
 * the bottom: {@code request} (a request's and a thread's state, JDK only), {@code bridge} (what woven calls
 * call, JDK only), {@code instrumentation} (the contract of each instrumentation and the weaver), then {@code config}, {@code jdbc},
 * {@code web}, {@code cache}, {@code invalidation}, {@code report} and {@code jmx}. Nothing below reaches this
 * package; {@code LayeringTest} checks the packages stay free of cycles. Beside the agent, for {@code java -jar}:
 * {@code view} reads a folder of reports back and aggregates them, {@code ui} is the report viewer (served live on
 * {@code ui.port}, or written as one file), and {@code cli} ({@code Main-Class}) prints the summary, checks a query
 * budget and writes the viewer's file.
 */
package io.querylens.agent;
