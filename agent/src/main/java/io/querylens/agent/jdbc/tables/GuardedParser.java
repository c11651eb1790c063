package io.querylens.agent.jdbc.tables;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;

/**
 * Runs JSqlParser, and {@link StatementWalker} over its result, on a parser thread with a deadline, so that no input
 * can hold an application thread longer than the timeout or throw into it.
 *
 * <h2>Why a thread</h2>
 *
 * JSqlParser's backtracking is exponential in some nestings: ten nested {@code IN (SELECT ...)} take about 0.3 s warm
 * and over a second cold, twenty nested parentheses in its "complex" mode run for minutes. Its own timeout works the
 * same way, by parsing on another thread and setting {@code CCJSqlParser.interrupted} when the wait times out, which
 * its lookaheads check; but {@code CCJSqlParserUtil.parse} makes and drops a thread pool per call. Here two daemon
 * threads are shared by the JVM, created on demand and gone after 30 idle seconds. Deep recursion is also contained
 * there: a {@link StackOverflowError} or JSqlParser's {@code TokenMgrException} ends one parse, not the caller.
 *
 * <p>Only JSqlParser's "simple" mode is used: its "complex" retry is where the exponential cases live, and no
 * statement of the corpus needs it. Whatever the parser cannot take in time goes to {@link KeywordScan}.
 *
 * <p>The parser threads do not inherit the caller's inheritable thread-locals and have no context class loader, so
 * they keep no application object alive. A full queue (256 waiting parses) is reported as a transient failure, which
 * the caller does not memoize.
 */
final class GuardedParser {

  private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(
      2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), new ParserThreads());

  static {
    EXECUTOR.allowCoreThreadTimeOut(true);
  }

  private static final AtomicBoolean WARMED = new AtomicBoolean();

  private GuardedParser() {}

  /** Why a statement was not parsed; {@link #isTransient()} failures may succeed if tried again. */
  static final class ParseFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean isTransient;

    ParseFailure(String cause, boolean isTransient) {
      super(cause, null, false, false);
      this.isTransient = isTransient;
    }

    boolean isTransient() {
      return isTransient;
    }
  }

  /**
   * Loads and exercises the parser once per JVM, in the background: its first parse loads a 1 MB class and runs
   * interpreted, and would otherwise spend an application statement's timeout on that.
   */
  static void warmUp() {
    if (WARMED.compareAndSet(false, true)) {
      try {
        EXECUTOR.execute(() -> {
          try {
            CCJSqlParserUtil.newParser("select a.x, (select count(*) from u where u.id = a.id) from t a"
                + " join v b on a.id = b.id where a.y in (?, ?) order by 1").Statement();
          } catch (Throwable ignored) {
            // Only a warm-up.
          }
        });
      } catch (RejectedExecutionException ignored) {
        // Busy already: warm enough.
      }
    }
  }

  /**
   * Parses {@code sql}, one statement without a trailing semicolon, and returns its tables.
   *
   * @param bracketIdentifiers whether {@code [...]} quotes identifiers (SQL Server) rather than subscripts
   * @throws ParseFailure when the statement cannot be parsed in time, its text goes on after the statement, or its
   *     kind is unknown to {@link StatementWalker}; the message says which
   */
  static TableAccess parse(String sql, boolean bracketIdentifiers, boolean keepSchema, long timeoutNanos)
      throws ParseFailure {
    AtomicReference<CCJSqlParser> running = new AtomicReference<>();
    Callable<TableAccess> task = () -> {
      CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
          .withSquareBracketQuotation(bracketIdentifiers)
          .withAllowComplexParsing(false);
      running.set(parser);
      Statement statement = parser.Statement();
      // Statement() stops after one statement: "select 1 select 2" must not pass for "select 1".
      if (parser.getToken(1).kind != CCJSqlParserConstants.EOF) {
        throw new ParseFailure("text after the statement", false);
      }
      TableAccess access = StatementWalker.walk(statement, parser.getASTRoot(), keepSchema);
      if (access == null) {
        throw new ParseFailure("statement kind not understood", false);
      }
      return access;
    };
    Future<TableAccess> future;
    try {
      future = EXECUTOR.submit(task);
    } catch (RejectedExecutionException busy) {
      throw new ParseFailure("parser busy", true);
    }
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      CCJSqlParser parser = running.get();
      if (parser != null) {
        parser.interrupted = true; // checked by the lookaheads that run away
      }
      future.cancel(true);
      throw new ParseFailure("parse timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", false);
    } catch (InterruptedException interrupted) {
      future.cancel(true);
      Thread.currentThread().interrupt(); // the application's interrupt, handed back
      throw new ParseFailure("interrupted", true);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof ParseFailure) {
        throw (ParseFailure) cause;
      }
      if (cause instanceof ParseException || cause instanceof TokenMgrException) {
        throw new ParseFailure("syntax not understood", false);
      }
      // StackOverflowError on deep nesting, or a bug in JSqlParser or the walker.
      throw new ParseFailure("parser failed: " + cause.getClass().getSimpleName(), false);
    }
  }

  private static final class ParserThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(null, task, "querylens-sql-parser-" + count.incrementAndGet(), 0, false);
      thread.setDaemon(true);
      thread.setContextClassLoader(null);
      return thread;
    }
  }
}
