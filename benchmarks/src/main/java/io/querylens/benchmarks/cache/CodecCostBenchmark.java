package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.querylens.agent.cache.codec.CacheCodec;
import java.lang.reflect.Type;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where does the agent's Java side spend its microseconds? The pieces of a hit and a miss that involve no Redis, each
 * beside its plain counterpart: the agent's {@link CacheCodec} (its relocated Jackson, field access, guard serializers,
 * the trailing newline) against a plain {@code ObjectMapper} reader and writer on the same JSON, and the random UUID
 * the engine makes for the lock token of every lookup, hits included. No agent attached, no Redis: the agent jar is
 * only put on the class path. From the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar:agent/target/querylens-agent.jar \
 *     org.openjdk.jmh.Main CodecCostBenchmark
 * }</pre>
 *
 * <p>Conclusion, on a 2-core KVM machine: see {@code benchmarks/CACHE.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CodecCostBenchmark {
  private CacheCodec codec;
  private Type declared;
  private ObjectReader reader;
  private ObjectWriter writer;
  private ObjectMapper mapper;
  private JavaType type;
  private byte[] json;
  private byte[] agentPayload;

  @Setup
  public void setUp() throws Exception {
    codec = new CacheCodec();
    declared = CodecCostBenchmark.class.getDeclaredMethod("listing").getGenericReturnType();
    mapper = new ObjectMapper();
    type = Cookbook.listType(mapper);
    reader = mapper.readerFor(type);
    writer = mapper.writerFor(type);
    json = Cookbook.json(mapper);
    agentPayload = codec.encode(Cookbook.LISTING, declared);
  }

  /** Only its generic return type is used: {@code List<RecipeDto>}, as the agent reads it from a cached method. */
  static List<RecipeDto> listing() {
    return Cookbook.LISTING;
  }

  @Benchmark
  public Object decodePlain() throws Exception {
    return mapper.readValue(json, type);
  }

  @Benchmark
  public Object decodePlainReader() throws Exception {
    return reader.readValue(json);
  }

  @Benchmark
  public Object decodeAgent() {
    return codec.decode(agentPayload, declared);
  }

  @Benchmark
  public byte[] encodePlain() throws Exception {
    return writer.writeValueAsBytes(Cookbook.LISTING);
  }

  @Benchmark
  public byte[] encodeAgent() {
    return codec.encode(Cookbook.LISTING, declared);
  }

  /** What the engine makes for every lookup, hits included. */
  @Benchmark
  public String lockToken() {
    return UUID.randomUUID().toString();
  }
}
