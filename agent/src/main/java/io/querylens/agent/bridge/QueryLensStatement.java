package io.querylens.agent.bridge;

/**
 * Added by the agent to every JDBC {@code Statement} class it instruments (on the topmost class of the hierarchy
 * that implements {@code java.sql.Statement}), backed by two fields it adds beside: the SQL the statement was
 * prepared with, and the state of its current parameters and batch.
 *
 * <p>A field on the statement itself, rather than a global map from statement to SQL, costs one field read per
 * execute, needs no synchronization and dies with the statement. The odd names keep clear of every driver's own.
 */
public interface QueryLensStatement {
  String __querylensSql();

  void __querylensSql(String sql);

  StatementState __querylensState();

  void __querylensState(StatementState state);
}
