/**
 * Where SQL literals, quoted identifiers and comments end: {@link io.querylens.agent.sql.SqlLexer}, shared by the
 * fingerprint, the table extractor's tokenizer and the DDL check so that they agree on it. JDK only, below them all.
 */
package io.querylens.agent.sql;
