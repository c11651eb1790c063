/**
 * How cached values and cache-key arguments become bytes: {@link io.querylens.agent.cache.codec.CacheCodec} turns a
 * method's result into JSON and back into the method's declared generic return type, fingerprints the shape of that type
 * so that entries written by an older version of a class are never read, and encodes the method's arguments into
 * canonical bytes for the key. Jackson does the JSON work, configured for caching rather than for web APIs; Hibernate
 * entities are read without ever loading anything lazily, and Hibernate is recognised by class names only.
 */
package io.querylens.agent.cache.codec;
