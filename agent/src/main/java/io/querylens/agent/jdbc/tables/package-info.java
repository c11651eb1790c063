/**
 * Which tables a SQL statement reads and which it writes: {@link io.querylens.agent.jdbc.tables.TableExtractor}
 * and its result, {@link io.querylens.agent.jdbc.tables.TableAccess}. JSqlParser does the parsing (relocated inside
 * the agent jar); a keyword scan over a literal- and comment-aware tokenizer stands in for it where it cannot.
 */
package io.querylens.agent.jdbc.tables;
