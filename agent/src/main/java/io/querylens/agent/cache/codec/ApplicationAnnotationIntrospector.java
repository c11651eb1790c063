package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.AnnotationIntrospector.ReferenceProperty;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Reads the application's own Jackson annotations, which the agent's relocated Jackson would not recognise, by name.
 *
 * <p>In the shaded agent jar Jackson lives under {@code io.querylens.agent.shaded.com.fasterxml.jackson}, so the stock
 * {@code JacksonAnnotationIntrospector} looks for relocated annotation types that no application uses, while an
 * unshaded test run would see the real ones: the cache would behave differently in tests and in production. This
 * introspector replaces the stock one entirely (it extends {@link NopAnnotationIntrospector}) and matches annotations by
 * their unrelocated class names, so both behave the same. The names are assembled at run time because the shade plugin
 * also rewrites string constants that start with a relocated package.
 *
 * <p>Supported, because they decide what an object's cached state is:
 *
 * <ul>
 *   <li>{@code @JsonIgnore} on a field (or record component): the field is neither written nor read.
 *   <li>{@code @JsonProperty("name")} on a field or record component: the field's name in the stored JSON. On methods
 *       it is ignored, since getters and setters are never used.
 *   <li>{@code @JsonIgnoreProperties({"a", "b"})} on a class, and its {@code ignoreUnknown}.
 *   <li>{@code @JsonIgnoreType} on a class: properties of that type are left out.
 *   <li>{@code @JsonManagedReference} / {@code @JsonBackReference} on fields: the back reference is not written, and is
 *       set again to the parent when the parent is decoded, which is how a bidirectional association is cached.
 * </ul>
 *
 * <p>Deliberately not supported: {@code @JsonTypeInfo} and {@code @JsonSubTypes} (the cache never takes a class from the
 * stored data), {@code @JsonSerialize}/{@code @JsonDeserialize} and {@code @JsonValue}/{@code @JsonCreator} (custom code
 * written against the application's Jackson, and constructors that could disagree with the field-based encoding),
 * {@code @JsonFormat}, {@code @JsonView}, {@code @JsonUnwrapped}, {@code @JsonAnyGetter}. Enums are always written by
 * {@link Enum#name()}. Java's {@code transient} fields are skipped regardless of annotations.
 *
 * <p>Independently of annotations, Hibernate's bookkeeping fields ({@code $$_hibernate_*}, {@code
 * hibernateLazyInitializer}) are ignored; see {@link HibernateLaziness}.
 */
final class ApplicationAnnotationIntrospector extends NopAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  /** {@code com.fasterxml.jackson.annotation.}, built so that relocation cannot rewrite it. */
  private static final String PACKAGE = String.join(".", "com", "fasterxml", "jackson", "annotation") + ".";

  static final String JSON_IGNORE = PACKAGE + "JsonIgnore";
  static final String JSON_PROPERTY = PACKAGE + "JsonProperty";
  static final String JSON_IGNORE_PROPERTIES = PACKAGE + "JsonIgnoreProperties";
  static final String JSON_IGNORE_TYPE = PACKAGE + "JsonIgnoreType";
  static final String JSON_MANAGED_REFERENCE = PACKAGE + "JsonManagedReference";
  static final String JSON_BACK_REFERENCE = PACKAGE + "JsonBackReference";

  @Override
  public boolean hasIgnoreMarker(AnnotatedMember member) {
    if (member instanceof AnnotatedField && HibernateLaziness.isBookkeepingField(member.getName())) {
      return true;
    }
    Annotation ignore = find(member, JSON_IGNORE);
    return ignore != null && Boolean.TRUE.equals(attribute(ignore, "value"));
  }

  @Override
  public PropertyName findNameForSerialization(Annotated annotated) {
    return explicitName(annotated);
  }

  @Override
  public PropertyName findNameForDeserialization(Annotated annotated) {
    return explicitName(annotated);
  }

  @Override
  public Boolean isIgnorableType(AnnotatedClass type) {
    Annotation ignoreType = find(type, JSON_IGNORE_TYPE);
    return ignoreType == null ? null : (Boolean) attribute(ignoreType, "value");
  }

  @Override
  public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
    Annotation ignoreProperties = annotated instanceof AnnotatedClass ? find(annotated, JSON_IGNORE_PROPERTIES) : null;
    if (ignoreProperties == null) {
      return JsonIgnoreProperties.Value.empty();
    }
    String[] names = (String[]) attribute(ignoreProperties, "value");
    names = names == null ? new String[0] : names;
    boolean ignoreUnknown = Boolean.TRUE.equals(attribute(ignoreProperties, "ignoreUnknown"));
    return JsonIgnoreProperties.Value.construct(new HashSet<>(Arrays.asList(names)), ignoreUnknown, false, false, true);
  }

  @Override
  public ReferenceProperty findReferenceType(AnnotatedMember member) {
    if (!(member instanceof AnnotatedField)) {
      return null;
    }
    Annotation managed = find(member, JSON_MANAGED_REFERENCE);
    if (managed != null) {
      return ReferenceProperty.managed((String) attribute(managed, "value"));
    }
    Annotation back = find(member, JSON_BACK_REFERENCE);
    return back == null ? null : ReferenceProperty.back((String) attribute(back, "value"));
  }

  /**
   * The {@code @JsonProperty} name of a field, or of a record's canonical-constructor parameter (javac copies a
   * record component's annotations to both). Parameters of other constructors are not named: plain classes are
   * always rebuilt field by field, never through a constructor that could compute something else. A name on a
   * {@code transient} field is ignored, so that Jackson does not take it as a reason to write the field.
   */
  private static PropertyName explicitName(Annotated annotated) {
    boolean named = (annotated instanceof AnnotatedField && !((AnnotatedField) annotated).isTransient())
        || (annotated instanceof AnnotatedParameter && ((AnnotatedParameter) annotated).getDeclaringClass().isRecord());
    Annotation property = named ? find(annotated, JSON_PROPERTY) : null;
    if (property == null) {
      return null;
    }
    String name = (String) attribute(property, "value");
    return name == null || name.isEmpty() ? PropertyName.USE_DEFAULT : PropertyName.construct(name);
  }

  private static Annotation find(Annotated annotated, String typeName) {
    if (annotated instanceof AnnotatedClass) {
      // Jackson keeps class annotations without a way to list them; like Jackson, look at supertypes too.
      return findOnClass(((AnnotatedClass) annotated).getRawType(), typeName);
    }
    for (Annotation annotation : annotated.annotations()) {
      if (annotation.annotationType().getName().equals(typeName)) {
        return annotation;
      }
    }
    return null;
  }

  private static Annotation findOnClass(Class<?> type, String typeName) {
    if (type == null || type == Object.class) {
      return null;
    }
    for (Annotation annotation : type.getDeclaredAnnotations()) {
      if (annotation.annotationType().getName().equals(typeName)) {
        return annotation;
      }
    }
    Annotation inherited = findOnClass(type.getSuperclass(), typeName);
    for (int i = 0; inherited == null && i < type.getInterfaces().length; i++) {
      inherited = findOnClass(type.getInterfaces()[i], typeName);
    }
    return inherited;
  }

  private static Object attribute(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + annotation, e.getCause());
    }
  }
}
