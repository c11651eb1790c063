package io.querylens.agent.cache.codec;

/**
 * A value, stored entry or argument list that the cache cannot encode or decode. The message names the declared type
 * (or the argument) and the reason; the cause, when there is one, is the underlying Jackson or reflection failure.
 *
 * <p>The cache engine treats it as "not cacheable this time": an encode failure means the result is returned without
 * being stored, a decode failure means the entry is a miss (and is best overwritten). It never reaches the application.
 */
public final class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
