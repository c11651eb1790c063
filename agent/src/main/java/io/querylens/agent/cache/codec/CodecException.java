package io.querylens.agent.cache.codec;

/** STUB. */
public final class CodecException extends RuntimeException {
  public CodecException(String message) {
    super(message);
  }
}
