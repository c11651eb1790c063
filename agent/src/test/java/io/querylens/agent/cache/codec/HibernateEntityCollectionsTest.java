package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entities as real Hibernate 7 returns them, on H2: an EAGER {@code @ManyToMany} is a loaded {@code PersistentSet} or
 * {@code PersistentBag}, and the entities are written as their state and come back as plain, detached objects.
 */
class HibernateEntityCollectionsTest {
  private static SessionFactory factory;
  private final CacheCodec codec = new CacheCodec();

  @Entity
  @Table(name = "tag")
  static class Tag {
    @Id
    private Long id;
    private String label;

    protected Tag() {}

    Tag(long id, String label) {
      this.id = id;
      this.label = label;
    }
  }

  @Entity
  @Table(name = "recipe")
  static class Recipe {
    @Id
    private Long id;
    private String name;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "recipe_tag")
    private Set<Tag> tags = new HashSet<>();

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "recipe_pairing")
    private List<Tag> pairings = new ArrayList<>();

    protected Recipe() {}

    Recipe(long id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  @BeforeAll
  static void startHibernate() {
    Configuration configuration = new Configuration().addAnnotatedClass(Tag.class).addAnnotatedClass(Recipe.class);
    configuration.setProperty(JdbcSettings.JAKARTA_JDBC_URL, "jdbc:h2:mem:entity-collections;DB_CLOSE_DELAY=-1");
    configuration.setProperty(SchemaToolingSettings.HBM2DDL_AUTO, "create-drop");
    factory = configuration.buildSessionFactory();
    factory.inTransaction(session -> {
      Tag sweet = new Tag(1, "sweet");
      Tag quick = new Tag(2, "quick");
      Tag coffee = new Tag(3, "coffee");
      session.persist(sweet);
      session.persist(quick);
      session.persist(coffee);
      Recipe pancakes = new Recipe(10, "Pancakes");
      pancakes.tags.addAll(List.of(sweet, quick));
      pancakes.pairings.addAll(List.of(coffee, sweet));
      Recipe toast = new Recipe(11, "Toast");
      toast.tags.add(quick);
      Recipe plain = new Recipe(12, "Plain");
      session.persist(pancakes);
      session.persist(toast);
      session.persist(plain);
    });
  }

  @AfterAll
  static void stopHibernate() {
    factory.close();
  }

  @Test
  void aListOfEntitiesWithEagerManyToManyRoundTrips() throws Exception {
    List<Recipe> loaded = read(entityManager -> entityManager
        .createQuery("select r from HibernateEntityCollectionsTest$Recipe r order by r.id", Recipe.class)
        .getResultList());
    assertTrue(org.hibernate.Hibernate.isInitialized(loaded.get(0).tags));

    Object decoded = roundTrip(loaded, Types.method("list"));

    assertInstanceOf(List.class, decoded);
    assertSameRecipes(loaded, (List<?>) decoded);
  }

  @Test
  void aCollectionOfEntitiesWithEagerManyToManyRoundTrips() throws Exception {
    Collection<Recipe> loaded = read(entityManager -> entityManager
        .createQuery("select r from HibernateEntityCollectionsTest$Recipe r order by r.id", Recipe.class)
        .getResultList());

    Object decoded = roundTrip(loaded, Types.method("collection"));

    assertInstanceOf(Collection.class, decoded);
    assertSameRecipes(new ArrayList<>(loaded), new ArrayList<>((Collection<?>) decoded));
  }

  @Test
  void oneEntityFoundByIdRoundTrips() {
    Recipe loaded = read(entityManager -> entityManager.find(Recipe.class, 10L));
    assertSameRecipes(List.of(loaded), List.of(roundTrip(loaded, Recipe.class)));
  }

  @Test
  void anEntitysLoadedManyToManyCollectionIsAValueLikeAnyOther() throws Exception {
    Recipe loaded = read(entityManager -> entityManager.find(Recipe.class, 10L));
    assertTrue(HibernateLaziness.isPersistentCollection(loaded.tags));
    assertTrue(HibernateLaziness.isPersistentCollection(loaded.pairings));

    Object tags = roundTrip(loaded.tags, Types.method("tags"));
    Object pairings = roundTrip(loaded.pairings, Types.method("pairings"));

    assertEquals(labels(loaded.tags), labels(castTags(tags)));
    assertEquals(loaded.pairings.stream().map(tag -> tag.label).toList(),
        castTags(pairings).stream().map(tag -> tag.label).toList());
  }

  @SuppressWarnings("unchecked")
  private static Collection<Tag> castTags(Object decoded) {
    return (Collection<Tag>) decoded;
  }

  private static void assertSameRecipes(List<Recipe> expected, List<?> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      Recipe want = expected.get(i);
      Recipe got = assertInstanceOf(Recipe.class, actual.get(i));
      assertEquals(want.id, got.id);
      assertEquals(want.name, got.name);
      assertEquals(labels(want.tags), labels(got.tags), want.name + " tags");
      assertEquals(want.pairings.stream().map(tag -> tag.label).toList(),
          got.pairings.stream().map(tag -> tag.label).toList(), want.name + " pairings");
      assertEquals(HashSet.class, got.tags.getClass());
      assertEquals(ArrayList.class, got.pairings.getClass());
    }
  }

  private static Set<String> labels(Collection<Tag> tags) {
    return tags.stream().map(tag -> tag.id + ":" + tag.label).collect(Collectors.toSet());
  }

  private static <T> T read(Function<EntityManager, T> query) {
    try (EntityManager entityManager = factory.createEntityManager()) {
      return query.apply(entityManager);
    }
  }

  private Object roundTrip(Object value, Type type) {
    return codec.decode(codec.encode(value, type), type);
  }

  interface Types {
    List<Recipe> list();

    Collection<Recipe> collection();

    Collection<Tag> tags();

    List<Tag> pairings();

    static Type method(String name) throws NoSuchMethodException {
      return Types.class.getMethod(name).getGenericReturnType();
    }
  }
}
