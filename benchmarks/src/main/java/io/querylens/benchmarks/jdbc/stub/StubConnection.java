package io.querylens.benchmarks.jdbc.stub;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection to a table that lives in an array: {@link #prepareStatement(String)} is all it does. It sits outside
 * {@code java.}, {@code jdk.} and {@code io.querylens.agent.}, so the agent instruments it like any driver's.
 */
public final class StubConnection implements Connection {
  private final String[] names;
  private boolean closed;

  /** @param names the {@code name} column, indexed by {@code id} */
  public StubConnection(String[] names) {
    this.names = names;
  }

  /** Any SQL: the statement answers every query with the row whose id is its first parameter. */
  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return new StubPreparedStatement(this, names);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  // Everything below is never called by the benchmark.

  @Override
  public void abort(Executor p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void clearWarnings() throws SQLException {
    throw unsupported();
  }

  @Override
  public void commit() throws SQLException {
    throw unsupported();
  }

  @Override
  public Array createArrayOf(String p0, Object[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw unsupported();
  }

  @Override
  public Clob createClob() throws SQLException {
    throw unsupported();
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw unsupported();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw unsupported();
  }

  @Override
  public Statement createStatement() throws SQLException {
    throw unsupported();
  }

  @Override
  public Statement createStatement(int p0, int p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public Statement createStatement(int p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public Struct createStruct(String p0, Object[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    throw unsupported();
  }

  @Override
  public String getCatalog() throws SQLException {
    throw unsupported();
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    throw unsupported();
  }

  @Override
  public String getClientInfo(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public int getHoldability() throws SQLException {
    throw unsupported();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    throw unsupported();
  }

  @Override
  public String getSchema() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    throw unsupported();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    throw unsupported();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isValid(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public String nativeSQL(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws SQLException {
    throw unsupported();
  }

  @Override
  public CallableStatement prepareCall(String p0, int p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public CallableStatement prepareCall(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public PreparedStatement prepareStatement(String p0, String[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws SQLException {
    throw unsupported();
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public PreparedStatement prepareStatement(String p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void releaseSavepoint(Savepoint p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void rollback() throws SQLException {
    throw unsupported();
  }

  @Override
  public void rollback(Savepoint p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setAutoCommit(boolean p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setCatalog(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setClientInfo(String p0, String p1) throws SQLClientInfoException {
    throw new SQLClientInfoException();
  }

  @Override
  public void setClientInfo(Properties p0) throws SQLClientInfoException {
    throw new SQLClientInfoException();
  }

  @Override
  public void setHoldability(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNetworkTimeout(Executor p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setReadOnly(boolean p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    throw unsupported();
  }

  @Override
  public Savepoint setSavepoint(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setSchema(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTransactionIsolation(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    throw unsupported();
  }

  private static SQLFeatureNotSupportedException unsupported() {
    return new SQLFeatureNotSupportedException("not part of the stub");
  }
}
