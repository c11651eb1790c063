package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonBackReference;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.annotation.JsonManagedReference;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application's own Jackson annotations, read by class name so that the shaded agent (whose Jackson is relocated)
 * honours them exactly as this unshaded test does. The stock introspector is not used at all, which is why the
 * unsupported ones below are ignored here too.
 */
class ApplicationAnnotationsTest {
  private final CacheCodec codec = new CacheCodec();

  static final class Account {
    private String login = "ada";
    @JsonIgnore
    private String password = "secret";
    @JsonIgnore(false)
    private String kept = "kept";
    @JsonProperty("mail")
    private String email = "ada@example.org";
    @JsonProperty
    private transient String session = "transient wins";
    private Audit audit = new Audit();
  }

  @JsonIgnoreType
  static final class Audit {
    String who = "system";
  }

  record Renamed(@JsonProperty("n") String name, @JsonIgnore String hidden) {}

  @JsonIgnoreProperties(value = {"internal"}, ignoreUnknown = true)
  static final class Lenient {
    private String shown = "shown";
    private String internal = "internal";
  }

  /** Getters are never used, annotated or not. */
  static final class WithGetter {
    private int value = 1;

    @JsonProperty("computed")
    public int getComputed() {
      throw new AssertionError("getters are never called");
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  static final class Polymorphic {
    private String name = "p";
  }

  static final class Parent {
    private String name = "parent";
    @JsonManagedReference
    private List<Child> children = new ArrayList<>();
  }

  static final class Child {
    private String name;
    @JsonBackReference
    private Parent parent;
  }

  @Test
  void ignoredRenamedTransientAndIgnoredTypeFields() {
    String json = json(new Account(), Account.class);
    assertEquals("{\"login\":\"ada\",\"kept\":\"kept\",\"mail\":\"ada@example.org\"}\n", json);
    Account decoded = (Account) codec.decode(codec.encode(new Account(), Account.class), Account.class);
    assertEquals("ada@example.org", decoded.email);
    assertEquals("kept", decoded.kept);
    assertEquals("secret", decoded.password, "an ignored field keeps what construction gave it");
  }

  @Test
  void recordComponentsAreRenamedAndIgnoredToo() {
    String json = json(new Renamed("x", "y"), Renamed.class);
    assertEquals("{\"n\":\"x\"}\n", json);
    assertEquals(new Renamed("x", null), codec.decode(json.getBytes(StandardCharsets.UTF_8), Renamed.class));
  }

  @Test
  void classLevelIgnoredPropertiesAndIgnoreUnknown() {
    assertEquals("{\"shown\":\"shown\"}\n", json(new Lenient(), Lenient.class));
    Lenient decoded = (Lenient) codec.decode("{\"shown\":\"s\",\"extra\":1}\n".getBytes(StandardCharsets.UTF_8),
        Lenient.class);
    assertEquals("s", decoded.shown);
  }

  @Test
  void annotatedGettersAreNotCalled() {
    assertEquals("{\"value\":1}\n", json(new WithGetter(), WithGetter.class));
  }

  @Test
  void typeInformationAnnotationsAreNotHonoured() {
    assertEquals("{\"name\":\"p\"}\n", json(new Polymorphic(), Polymorphic.class));
    assertThrows(CodecException.class, () -> codec.decode(
        "{\"@class\":\"java.lang.Object\",\"name\":\"p\"}\n".getBytes(StandardCharsets.UTF_8), Polymorphic.class));
  }

  @Test
  void managedAndBackReferencesBreakACycleAndRestoreItOnDecode() {
    Parent parent = new Parent();
    for (String name : List.of("a", "b")) {
      Child child = new Child();
      child.name = name;
      child.parent = parent;
      parent.children.add(child);
    }
    String json = json(parent, Parent.class);
    assertEquals("{\"name\":\"parent\",\"children\":[{\"name\":\"a\"},{\"name\":\"b\"}]}\n", json);
    Parent decoded = (Parent) codec.decode(json.getBytes(StandardCharsets.UTF_8), Parent.class);
    assertEquals(2, decoded.children.size());
    assertSame(decoded, decoded.children.get(0).parent);
    assertSame(decoded, decoded.children.get(1).parent);
  }

  @Test
  void withoutTheAnnotationsTheSameGraphIsACycle() {
    PlainParent parent = new PlainParent();
    PlainChild child = new PlainChild();
    child.parent = parent;
    parent.children = List.of(child);
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(parent, PlainParent.class));
    assertTrue(e.getMessage().contains("@JsonBackReference"), e.getMessage());
  }

  static final class PlainParent {
    List<PlainChild> children;
  }

  static final class PlainChild {
    PlainParent parent;
  }

  /**
   * The shade plugin rewrites every string constant that starts with a relocated package, so the introspector must
   * hold no {@code com.fasterxml.jackson...} string constant: it builds the names at run time.
   */
  @Test
  void theAnnotationNamesSurviveRelocation() throws IOException {
    String resource = ApplicationAnnotationIntrospector.class.getName().replace('.', '/') + ".class";
    try (InputStream in = ApplicationAnnotationIntrospector.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in);
      String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertFalse(classFile.contains("com.fasterxml.jackson"), "a relocatable string constant in " + resource);
    }
    assertEquals("com.fasterxml.jackson.annotation.JsonIgnore", ApplicationAnnotationIntrospector.JSON_IGNORE);
    assertEquals(JsonBackReference.class.getName(), ApplicationAnnotationIntrospector.JSON_BACK_REFERENCE);
    assertEquals(JsonManagedReference.class.getName(), ApplicationAnnotationIntrospector.JSON_MANAGED_REFERENCE);
    assertEquals(JsonProperty.class.getName(), ApplicationAnnotationIntrospector.JSON_PROPERTY);
    assertEquals(JsonIgnoreProperties.class.getName(), ApplicationAnnotationIntrospector.JSON_IGNORE_PROPERTIES);
    assertEquals(JsonIgnoreType.class.getName(), ApplicationAnnotationIntrospector.JSON_IGNORE_TYPE);
  }

  private String json(Object value, Class<?> type) {
    return new String(codec.encode(value, type), StandardCharsets.UTF_8);
  }
}
