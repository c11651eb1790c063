package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CacheCodec#shapeOf} is the same for the same classes and changes when a class reached from the declared type
 * changes its fields. The "versions" of a class are compiled at test time under one class name and loaded by separate
 * class loaders, exactly as two deployments of an application would see them.
 */
class ShapeOfTest {
  private final CacheCodec codec = new CacheCodec();

  @TempDir
  Path temp;

  private static final String RECIPE_V1 = "package app; public class Recipe { private long id; private String name;"
      + " private java.util.List<Step> steps; }";
  private static final String STEP_V1 = "package app; public record Step(int order, String text) {}";

  @Test
  void theSameClassesGiveTheSameShapeInEveryClassLoader() throws Exception {
    ClassLoader first = compile(RECIPE_V1, STEP_V1);
    ClassLoader second = compile(RECIPE_V1, STEP_V1);
    Class<?> recipe1 = first.loadClass("app.Recipe");
    Class<?> recipe2 = second.loadClass("app.Recipe");
    assertNotEquals(recipe1, recipe2);
    assertEquals(codec.shapeOf(recipe1), codec.shapeOf(recipe2));
    assertEquals(new CacheCodec().shapeOf(recipe1), codec.shapeOf(recipe2));
    assertTrue(codec.shapeOf(recipe1).matches("[0-9a-f]{12}"), codec.shapeOf(recipe1));
  }

  @Test
  void renamingRetypingAddingOrRemovingAFieldChangesTheShape() throws Exception {
    String original = shape(RECIPE_V1, STEP_V1);
    assertNotEquals(original, shape(RECIPE_V1.replace("String name", "String title"), STEP_V1), "renamed");
    assertNotEquals(original, shape(RECIPE_V1.replace("long id", "int id"), STEP_V1), "retyped");
    assertNotEquals(original, shape(RECIPE_V1.replace("long id", "String id"), STEP_V1), "retyped");
    assertNotEquals(original, shape(RECIPE_V1.replace("private long id;", "private long id; private int rating;"),
        STEP_V1), "added");
    assertNotEquals(original, shape(RECIPE_V1.replace("private long id;", ""), STEP_V1), "removed");
    assertNotEquals(original, shape(RECIPE_V1.replace("List<Step>", "Set<Step>"), STEP_V1), "container changed");
  }

  @Test
  void aChangeDeepInsideTheGraphChangesTheShapeOfEverythingThatReachesIt() throws Exception {
    assertNotEquals(shape(RECIPE_V1, STEP_V1), shape(RECIPE_V1, STEP_V1.replace("String text", "String body")));
    assertNotEquals(shape(RECIPE_V1, STEP_V1), shape(RECIPE_V1, STEP_V1.replace("int order", "long order")));
  }

  @Test
  void whatDoesNotChangeTheJsonDoesNotChangeTheShape() throws Exception {
    String original = shape(RECIPE_V1, STEP_V1);
    assertEquals(original, shape("package app; public class Recipe { private java.util.List<Step> steps;"
        + " private String name; private long id; }", STEP_V1), "field order");
    assertEquals(original, shape(RECIPE_V1.replace("private long id;", "private long id; private transient int x;"
        + " private static int counter; public int computed() { return 1; }"), STEP_V1), "transient, static, methods");
    assertEquals(original, shape(RECIPE_V1.replace("private long id;", "protected long id;"), STEP_V1),
        "visibility");
  }

  @Test
  void enumConstantsArePartOfTheShapeButNotTheirOrder() throws Exception {
    String recipe = "package app; public class Recipe { private Level level; }";
    String original = shape(recipe, "package app; public enum Level { EASY, HARD }");
    assertEquals(original, shape(recipe, "package app; public enum Level { HARD, EASY }"));
    assertNotEquals(original, shape(recipe, "package app; public enum Level { EASY, MEDIUM, HARD }"));
  }

  @Test
  void genericArgumentsArePartOfTheShape() throws Exception {
    assertNotEquals(codec.shapeOf(Types.method("listOfStrings")), codec.shapeOf(Types.method("listOfLongs")));
    assertNotEquals(codec.shapeOf(Types.method("listOfStrings")), codec.shapeOf(Types.method("setOfStrings")));
    assertNotEquals(codec.shapeOf(Types.method("optionalNode")), codec.shapeOf(Node.class));
    assertNotEquals(codec.shapeOf(Types.method("boxOfStrings")), codec.shapeOf(Types.method("boxOfLongs")));
  }

  @Test
  void pagesAndSlicesAreShapedByTheirElementType() throws Exception {
    String pageOfStrings = codec.shapeOf(Types.method("pageOfStrings"));
    assertTrue(pageOfStrings.matches("[0-9a-f]{12}"));
    assertNotEquals(pageOfStrings, codec.shapeOf(Types.method("pageOfLongs")));
    assertNotEquals(pageOfStrings, codec.shapeOf(Types.method("sliceOfStrings")));
    assertNotEquals(pageOfStrings, codec.shapeOf(Types.method("listOfStrings")));
    assertEquals(pageOfStrings, new CacheCodec().shapeOf(Types.method("pageOfStrings")));
    // Cacheable, not refused as an interface.
    assertEquals("{\"content\":[],\"page\":null,\"size\":null,\"sort\":[],\"total\":0}\n",
        new String(codec.encode(org.springframework.data.domain.Page.empty(), Types.method("pageOfStrings")),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void changingThePageElementClassChangesTheShape() throws Exception {
    String original = pageShape(RECIPE_V1, STEP_V1);
    assertEquals(original, pageShape(RECIPE_V1, STEP_V1));
    assertNotEquals(original, pageShape(RECIPE_V1.replace("String name", "String title"), STEP_V1));
    assertNotEquals(original, pageShape(RECIPE_V1, STEP_V1.replace("String text", "String body")));
  }

  /** The shape of {@code Page<app.Recipe>}, with Spring Data from the test's class path. */
  private String pageShape(String... sources) throws Exception {
    Class<?> recipe = compile(sources).loadClass("app.Recipe");
    return codec.shapeOf(new ParameterizedType() {
      @Override
      public Type[] getActualTypeArguments() {
        return new Type[] {recipe};
      }

      @Override
      public Type getRawType() {
        return org.springframework.data.domain.Page.class;
      }

      @Override
      public Type getOwnerType() {
        return null;
      }
    });
  }

  @Test
  void recursiveAndSharedTypesAreFinite() throws Exception {
    String shape = codec.shapeOf(Node.class);
    assertEquals(shape, new CacheCodec().shapeOf(Node.class));
    assertEquals(shape, codec.shapeOf(Node.class));
    assertTrue(codec.shapeOf(Types.method("mapOfNodes")).matches("[0-9a-f]{12}"));
    assertTrue(codec.shapeOf(Mutual.class).matches("[0-9a-f]{12}"));
    // One class reached by many paths is described once: the text stays linear, not exponential.
    com.fasterxml.jackson.databind.ObjectMapper mapper = CodecMapper.create();
    String text = TypeShape.of(mapper.constructType(Wide.class), mapper.getSerializationConfig()).text();
    assertTrue(text.length() < 2000, text);
  }

  @Test
  void shapesAreComputedOncePerType() throws Exception {
    assertSame(codec.shapeOf(Types.method("listOfStrings")), codec.shapeOf(Types.method("listOfStrings")));
  }

  @Test
  void typesThatCannotBeCachedStillHaveAShape() throws Exception {
    assertTrue(codec.shapeOf(Object.class).matches("[0-9a-f]{12}"));
  }

  /**
   * The fingerprints of fixed types, pinned: they must be the same on every JVM and every run. A change here means every
   * entry written by the previous agent version becomes a miss; bump {@link TypeShape#FORMAT_VERSION} deliberately
   * rather than let it drift.
   */
  @Test
  void fingerprintsArePinned() throws Exception {
    assertEquals(StabilityProbe.expectedShapes(), StabilityProbe.shapes(codec));
  }

  record Node(String name, Node next, List<Node> children, Map<String, Node> byName) {}

  record Mutual(String name, Other other) {}

  record Other(List<Mutual> back) {}

  record Leaf(String a, String b) {}

  record Level1(Leaf a, Leaf b, Leaf c) {}

  record Level2(Level1 a, Level1 b, Level1 c) {}

  record Level3(Level2 a, Level2 b, Level2 c) {}

  record Wide(Level3 a, Level3 b, Level3 c, Level3 d) {}

  record Box<T>(T content) {}

  interface Types {
    List<String> listOfStrings();

    List<Long> listOfLongs();

    java.util.Set<String> setOfStrings();

    Optional<Node> optionalNode();

    Map<String, List<Node>> mapOfNodes();

    Box<String> boxOfStrings();

    Box<Long> boxOfLongs();

    org.springframework.data.domain.Page<String> pageOfStrings();

    org.springframework.data.domain.Page<Long> pageOfLongs();

    org.springframework.data.domain.Slice<String> sliceOfStrings();

    static Type method(String name) throws NoSuchMethodException {
      return Types.class.getMethod(name).getGenericReturnType();
    }
  }

  private String shape(String... sources) throws Exception {
    return codec.shapeOf(compile(sources).loadClass("app.Recipe"));
  }

  private int compilations;

  /** Compiles the sources into a fresh directory and returns a class loader that sees only them (and the JDK). */
  private ClassLoader compile(String... sources) throws IOException {
    Path src = Files.createDirectories(temp.resolve("src" + compilations));
    Path out = Files.createDirectories(temp.resolve("out" + compilations++));
    List<String> arguments = new java.util.ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
    for (String source : sources) {
      String name = source.replaceAll("(?s).*public (?:class|record|enum) (\\w+).*", "$1");
      Path file = Files.createDirectories(src.resolve("app")).resolve(name + ".java");
      Files.writeString(file, source);
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, arguments.toArray(new String[0]));
    assertEquals(0, status, "compilation failed");
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }
}
