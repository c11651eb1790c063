package io.querylens.benchmarks.jdbc.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared primary-key lookup that costs next to nothing: {@link #setLong} remembers the id and
 * {@link #executeQuery()} returns a fresh one-row result, as a driver would, without any parsing or I/O.
 */
public final class StubPreparedStatement implements PreparedStatement {
  private final Connection connection;
  private final String[] names;
  private long id;
  private StubResultSet current;
  private boolean closed;

  StubPreparedStatement(Connection connection, String[] names) {
    this.connection = connection;
    this.names = names;
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    if (parameterIndex != 1) {
      throw new SQLException("the stub takes one parameter, the id");
    }
    id = x;
  }

  /**
   * Closes the previous result, as JDBC requires of a re-executed statement and drivers do: holding it also keeps
   * the JIT from optimising the result's allocation away when the benchmark is all there is, which no real driver
   * allows either.
   */
  @Override
  public ResultSet executeQuery() throws SQLException {
    if (closed) {
      throw new SQLException("statement closed");
    }
    if (current != null) {
      current.close();
    }
    current = new StubResultSet(this, id, names[(int) id]);
    return current;
  }

  @Override
  public Connection getConnection() {
    return connection;
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
  public void addBatch() throws SQLException {
    throw unsupported();
  }

  @Override
  public void addBatch(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void cancel() throws SQLException {
    throw unsupported();
  }

  @Override
  public void clearBatch() throws SQLException {
    throw unsupported();
  }

  @Override
  public void clearParameters() throws SQLException {
    throw unsupported();
  }

  @Override
  public void clearWarnings() throws SQLException {
    throw unsupported();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean execute() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean execute(String p0, int[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean execute(String p0, String[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean execute(String p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean execute(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    throw unsupported();
  }

  @Override
  public ResultSet executeQuery(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw unsupported();
  }

  @Override
  public int executeUpdate(String p0, int[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public int executeUpdate(String p0, String[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public int executeUpdate(String p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public int executeUpdate(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public int getFetchDirection() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getFetchSize() throws SQLException {
    throw unsupported();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getMaxRows() throws SQLException {
    throw unsupported();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean getMoreResults(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    throw unsupported();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getResultSetType() throws SQLException {
    throw unsupported();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    throw unsupported();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    throw unsupported();
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setArray(int p0, Array p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBigDecimal(int p0, BigDecimal p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBlob(int p0, InputStream p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBlob(int p0, InputStream p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBlob(int p0, Blob p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBoolean(int p0, boolean p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setByte(int p0, byte p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setBytes(int p0, byte[] p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setCharacterStream(int p0, Reader p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setClob(int p0, Reader p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setClob(int p0, Reader p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setClob(int p0, Clob p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setCursorName(String p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setDate(int p0, Date p1, Calendar p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setDate(int p0, Date p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setDouble(int p0, double p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setEscapeProcessing(boolean p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setFetchDirection(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setFetchSize(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setFloat(int p0, float p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setInt(int p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setMaxFieldSize(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setMaxRows(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNClob(int p0, Reader p1, long p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNClob(int p0, Reader p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNClob(int p0, NClob p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNString(int p0, String p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNull(int p0, int p1, String p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setNull(int p0, int p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setObject(int p0, Object p1, int p2, int p3) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setObject(int p0, Object p1, int p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setObject(int p0, Object p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setPoolable(boolean p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setQueryTimeout(int p0) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setRef(int p0, Ref p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setRowId(int p0, RowId p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setSQLXML(int p0, SQLXML p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setShort(int p0, short p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setString(int p0, String p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTime(int p0, Time p1, Calendar p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTime(int p0, Time p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1, Calendar p2) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setURL(int p0, URL p1) throws SQLException {
    throw unsupported();
  }

  @Override
  public void setUnicodeStream(int p0, InputStream p1, int p2) throws SQLException {
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
