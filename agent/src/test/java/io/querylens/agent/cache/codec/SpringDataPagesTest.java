package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.AbstractPageRequest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.domain.Sort.NullHandling;
import org.springframework.data.domain.Sort.Order;

/** Spring Data's pages and slices, as repositories return them, come back equal; anything else is refused. */
class SpringDataPagesTest {
  private final CacheCodec codec = new CacheCodec();

  record Owner(long id, String lastName) {}

  /** A mutable class with private fields and no getters: cached field by field like anywhere else. */
  static final class Pet {
    private Long id;
    private String name;
    private List<String> visits = new ArrayList<>();

    private Pet() {}

    Pet(long id, String name, List<String> visits) {
      this.id = id;
      this.name = name;
      this.visits = visits;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pet pet && Objects.equals(id, pet.id) && Objects.equals(name, pet.name)
          && visits.equals(pet.visits);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, name);
    }
  }

  static class Animal {
    String name;
  }

  static final class Dog extends Animal {}

  /** An application's own Page, which the cache could only turn into a PageImpl. */
  static final class OwnPage<T> extends PageImpl<T> {
    OwnPage(List<T> content) {
      super(content);
    }
  }

  /** An application's own Pageable, like Querydsl's QPageRequest. */
  static final class OwnPageRequest extends AbstractPageRequest {
    OwnPageRequest(int page, int size) {
      super(page, size);
    }

    @Override
    public Sort getSort() {
      return Sort.unsorted();
    }

    @Override
    public Pageable next() {
      return new OwnPageRequest(getPageNumber() + 1, getPageSize());
    }

    @Override
    public Pageable previous() {
      return new OwnPageRequest(getPageNumber() - 1, getPageSize());
    }

    @Override
    public Pageable first() {
      return new OwnPageRequest(0, getPageSize());
    }

    @Override
    public Pageable withPage(int pageNumber) {
      return new OwnPageRequest(pageNumber, getPageSize());
    }
  }

  /** Like JpaSort: a Sort with more to it than its orders. */
  static final class OwnSort extends Sort {
    private static final long serialVersionUID = 1L;

    OwnSort(List<Order> orders) {
      super(orders);
    }
  }

  /** Like JpaSort.JpaOrder, whose "unsafe" flag a plain Order would lose. */
  static final class OwnOrder extends Order {
    private static final long serialVersionUID = 1L;

    OwnOrder(String property) {
      super(Direction.ASC, property);
    }
  }

  record HasPage(String title, Page<Owner> owners) {}

  interface Types {
    Page<Owner> pageOfOwners();

    Slice<Owner> sliceOfOwners();

    PageImpl<Owner> pageImplOfOwners();

    SliceImpl<Owner> sliceImplOfOwners();

    Page<Pet> pageOfPets();

    Page<Animal> pageOfAnimals();

    Optional<Page<Owner>> optionalPage();

    List<Slice<Owner>> listOfSlices();

    @SuppressWarnings("rawtypes")
    Page rawPage();

    Page<Object> pageOfObjects();

    static Type method(String name) {
      try {
        return Types.class.getMethod(name).getGenericReturnType();
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static final Owner DAVIS = new Owner(1, "Davis");
  private static final Owner DAVIDSON = new Owner(2, "Davidson");
  private static final Sort EVERY_KIND_OF_ORDER = Sort.by(List.of(
      Order.asc("lastName"),
      Order.desc("firstName").ignoreCase().nullsFirst(),
      new Order(Direction.ASC, "city", NullHandling.NULLS_LAST).ignoreCase(),
      Order.by("id").nullsNative()));

  @Test
  void aPageKeepsContentPositionSortAndTotal() {
    Page<Owner> page = new PageImpl<>(List.of(DAVIS, DAVIDSON), PageRequest.of(1, 2, EVERY_KIND_OF_ORDER), 42);

    Page<?> decoded = (Page<?>) roundTrip(page, Types.method("pageOfOwners"));

    assertEquals(page, decoded);
    assertEquals(PageImpl.class, decoded.getClass());
    assertEquals(List.of(DAVIS, DAVIDSON), decoded.getContent());
    assertEquals(1, decoded.getNumber());
    assertEquals(2, decoded.getSize());
    assertEquals(42, decoded.getTotalElements());
    assertEquals(21, decoded.getTotalPages());
    assertEquals(PageRequest.of(1, 2, EVERY_KIND_OF_ORDER), decoded.getPageable());
    assertOrdersEqual(EVERY_KIND_OF_ORDER, decoded.getSort());
  }

  @Test
  void theJsonIsReadable() {
    Page<Owner> page = new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 20,
        Sort.by(Order.asc("lastName"), Order.desc("id").ignoreCase().nullsLast())), 21);
    assertEquals("{\"content\":[{\"id\":1,\"lastName\":\"Davis\"}],\"page\":0,\"size\":20,\"sort\":["
        + "{\"property\":\"lastName\",\"direction\":\"ASC\",\"ignoreCase\":false,\"nullHandling\":\"NATIVE\"},"
        + "{\"property\":\"id\",\"direction\":\"DESC\",\"ignoreCase\":true,\"nullHandling\":\"NULLS_LAST\"}],"
        + "\"total\":21}\n", json(page, Types.method("pageOfOwners")));
    Slice<Owner> slice = new SliceImpl<>(List.of(DAVIS), PageRequest.of(3, 1), true);
    assertEquals("{\"content\":[{\"id\":1,\"lastName\":\"Davis\"}],\"page\":3,\"size\":1,\"sort\":[],"
        + "\"hasNext\":true}\n", json(slice, Types.method("sliceOfOwners")));
    assertEquals("{\"content\":[],\"page\":null,\"size\":null,\"sort\":[],\"total\":0}\n",
        json(Page.empty(), Types.method("pageOfOwners")));
  }

  @Test
  void aSliceKeepsWhetherThereIsANextOne() {
    for (boolean hasNext : new boolean[] {true, false}) {
      Slice<Owner> slice = new SliceImpl<>(List.of(DAVIS, DAVIDSON), PageRequest.of(4, 2, EVERY_KIND_OF_ORDER),
          hasNext);

      Slice<?> decoded = (Slice<?>) roundTrip(slice, Types.method("sliceOfOwners"));

      assertEquals(slice, decoded);
      assertEquals(SliceImpl.class, decoded.getClass());
      assertEquals(hasNext, decoded.hasNext());
      assertEquals(4, decoded.getNumber());
      assertEquals(2, decoded.getSize());
      assertOrdersEqual(EVERY_KIND_OF_ORDER, decoded.getSort());
    }
  }

  @Test
  void theImplementationClassesMayBeDeclaredToo() {
    PageImpl<Owner> page = new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 5, Sort.by("lastName")), 1);
    assertEquals(page, roundTrip(page, Types.method("pageImplOfOwners")));
    SliceImpl<Owner> slice = new SliceImpl<>(List.of(DAVIS), PageRequest.of(0, 5), false);
    assertEquals(slice, roundTrip(slice, Types.method("sliceImplOfOwners")));
  }

  @Test
  void unpagedResultsKeepTheirSort() {
    Page<Owner> all = new PageImpl<>(List.of(DAVIS, DAVIDSON));
    Page<?> decodedAll = (Page<?>) roundTrip(all, Types.method("pageOfOwners"));
    assertEquals(all, decodedAll);
    assertTrue(decodedAll.getPageable().isUnpaged());
    assertEquals(2, decodedAll.getTotalElements());

    Page<Owner> sorted = new PageImpl<>(List.of(DAVIDSON, DAVIS), Pageable.unpaged(EVERY_KIND_OF_ORDER), 2);
    Page<?> decodedSorted = (Page<?>) roundTrip(sorted, Types.method("pageOfOwners"));
    assertEquals(sorted, decodedSorted);
    assertTrue(decodedSorted.getPageable().isUnpaged());
    assertOrdersEqual(EVERY_KIND_OF_ORDER, decodedSorted.getSort());

    Slice<Owner> slice = new SliceImpl<>(List.of(DAVIS), Pageable.unpaged(Sort.by("lastName")), false);
    assertEquals(slice, roundTrip(slice, Types.method("sliceOfOwners")));
  }

  @Test
  void emptyPages() {
    assertEquals(Page.empty(), roundTrip(Page.empty(), Types.method("pageOfOwners")));
    Page<Owner> pastTheEnd = new PageImpl<>(List.of(), PageRequest.of(3, 10, Sort.by("lastName")), 25);
    Page<?> decoded = (Page<?>) roundTrip(pastTheEnd, Types.method("pageOfOwners"));
    assertEquals(pastTheEnd, decoded);
    assertEquals(25, decoded.getTotalElements());
    assertFalse(decoded.hasContent());
    Slice<Owner> emptySlice = new SliceImpl<>(List.of(), PageRequest.of(0, 10), false);
    assertEquals(emptySlice, roundTrip(emptySlice, Types.method("sliceOfOwners")));
  }

  @Test
  void theLastPage() {
    Page<Owner> last = new PageImpl<>(List.of(DAVIS, DAVIDSON), PageRequest.of(2, 10), 22);
    Page<?> decoded = (Page<?>) roundTrip(last, Types.method("pageOfOwners"));
    assertEquals(last, decoded);
    assertTrue(decoded.isLast());
    assertFalse(decoded.hasNext());
    assertEquals(3, decoded.getTotalPages());
    // PageImpl corrects a total that the last page contradicts; the corrected one is stored and stays as it is.
    Page<Owner> corrected = new PageImpl<>(List.of(DAVIS), PageRequest.of(2, 10), 5);
    assertEquals(21, corrected.getTotalElements());
    assertEquals(corrected, roundTrip(corrected, Types.method("pageOfOwners")));
  }

  @Test
  void pagesOfPlainClasses() {
    Page<Pet> page = new PageImpl<>(List.of(new Pet(7, "Leo", List.of("2024-01-02")), new Pet(8, "Max", List.of())),
        PageRequest.of(0, 2, Sort.by(Direction.DESC, "name")), 9);
    Page<?> decoded = (Page<?>) roundTrip(page, Types.method("pageOfPets"));
    assertEquals(page, decoded);
    assertInstanceOf(Pet.class, decoded.getContent().get(0));
  }

  @Test
  void pagesNestedInOtherValues() {
    Page<Owner> page = new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 1), 2);
    assertEquals(new HasPage("owners", page), roundTrip(new HasPage("owners", page), HasPage.class));
    assertEquals(new HasPage("none", null), roundTrip(new HasPage("none", null), HasPage.class));
    assertEquals(Optional.of(page), roundTrip(Optional.of(page), Types.method("optionalPage")));
    List<Slice<Owner>> slices = List.of(new SliceImpl<>(List.of(DAVIS), PageRequest.of(0, 1), true),
        new SliceImpl<>(List.of(DAVIDSON), PageRequest.of(1, 1), false));
    assertEquals(slices, roundTrip(slices, Types.method("listOfSlices")));
    assertNull(roundTrip(null, Types.method("pageOfOwners")));
  }

  @Test
  void anotherImplementationIsRefusedNotTurnedIntoAPageImpl() {
    assertRefused(new OwnPage<>(List.of(DAVIS)), "pageOfOwners", OwnPage.class.getName());
    assertRefused(new OwnPage<>(List.of(DAVIS)), "pageImplOfOwners", OwnPage.class.getName());
    // A Page where a Slice is declared would come back as a SliceImpl without its total.
    assertRefused(new PageImpl<>(List.of(DAVIS)), "sliceOfOwners", PageImpl.class.getName());
    assertRefused(new PageImpl<>(List.of(DAVIS), new OwnPageRequest(0, 5), 1), "pageOfOwners",
        OwnPageRequest.class.getName());
    assertRefused(new SliceImpl<>(List.of(DAVIS), new OwnPageRequest(0, 5), true), "sliceOfOwners",
        OwnPageRequest.class.getName());
    assertRefused(new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 5, new OwnSort(List.of(Order.asc("id")))), 1),
        "pageOfOwners", OwnSort.class.getName());
    assertRefused(new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 5, Sort.by(new OwnOrder("id"))), 1),
        "pageOfOwners", OwnOrder.class.getName());
  }

  @Test
  void elementsGetTheChecksOfEveryOtherElement() {
    Dog dog = new Dog();
    Page<Animal> page = new PageImpl<>(List.of(dog));
    CodecException refused = assertThrows(CodecException.class,
        () -> codec.encode(page, Types.method("pageOfAnimals")));
    assertTrue(refused.getMessage().contains(Dog.class.getName()), refused.getMessage());
  }

  @Test
  void pagesWithoutAnElementClassAreRefused() {
    for (String method : List.of("rawPage", "pageOfObjects")) {
      CodecException refused = assertThrows(CodecException.class,
          () -> codec.encode(new PageImpl<>(List.of(DAVIS)), Types.method(method)));
      assertTrue(refused.getMessage().contains("no concrete class"), refused.getMessage());
    }
  }

  @Test
  void corruptOrForeignJsonIsACodecException() {
    Type page = Types.method("pageOfOwners");
    Type slice = Types.method("sliceOfOwners");
    String sort =
        "\"sort\":[{\"property\":\"id\",\"direction\":\"ASC\",\"ignoreCase\":false,\"nullHandling\":\"NATIVE\"}]";
    // Each is the valid {"content":[],"page":0,"size":1,<sort>,"total":0} with one thing wrong.
    List<String> corruptPages = List.of(
        "[]", "\"page\"", "0", "{}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + "}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":0,\"extra\":1}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":0,\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"hasNext\":true}",
        "{\"content\":{},\"page\":0,\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":null,\"page\":0,\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":[{\"id\":1,\"name\":\"x\"}],\"page\":0,\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":\"0\",\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":0.5,\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":null," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":-1,\"size\":1," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":0," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":99999999999," + sort + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1,\"sort\":null,\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1,\"sort\":[\"id\"],\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("ASC", "UP") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("ASC", "asc") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("NATIVE", "NULLS_MIDDLE") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("\"id\"", "\"\"") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("false", "\"false\"") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace(",\"ignoreCase\":false", "") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort.replace("}", ",\"unsafe\":true}") + ",\"total\":0}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":\"0\"}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":0} {}",
        "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":0");
    String valid = "{\"content\":[],\"page\":0,\"size\":1," + sort + ",\"total\":0}";
    assertEquals(new PageImpl<>(List.of(), PageRequest.of(0, 1, Sort.by("id")), 0), decode(valid, page));
    for (String json : corruptPages) {
      assertThrows(CodecException.class, () -> decode(json, page), json);
    }
    String validSlice = "{\"content\":[],\"page\":0,\"size\":1,\"sort\":[],\"hasNext\":false}";
    assertEquals(new SliceImpl<>(List.of(), PageRequest.of(0, 1), false), decode(validSlice, slice));
    for (String json : List.of(validSlice.replace("hasNext", "total").replace("false", "0"),
        validSlice.replace("false", "0"), validSlice.replace("false", "null"))) {
      assertThrows(CodecException.class, () -> decode(json, slice), json);
    }
  }

  @Test
  void everyTruncationIsDetected() {
    Type type = Types.method("pageOfOwners");
    byte[] bytes = codec.encode(new PageImpl<>(List.of(DAVIS), PageRequest.of(0, 3, EVERY_KIND_OF_ORDER), 1), type);
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(CodecException.class, () -> codec.decode(truncated, type),
          () -> new String(truncated, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aPageableArgumentHasACanonicalKey() {
    byte[] first = key(PageRequest.of(0, 20, Sort.by("lastName")));
    assertTrue(Arrays.equals(first, key(PageRequest.of(0, 20, Sort.by("lastName")))));
    assertFalse(Arrays.equals(first, key(PageRequest.of(1, 20, Sort.by("lastName")))));
    assertFalse(Arrays.equals(first, key(PageRequest.of(0, 20, Sort.by("firstName")))));
    assertFalse(Arrays.equals(first, key(PageRequest.of(0, 20, Sort.by("lastName").descending()))));
    assertFalse(Arrays.equals(first, key(Pageable.unpaged())));
  }

  private byte[] key(Pageable pageable) {
    return codec.argumentsKey(new Object[] {"Da", pageable});
  }

  /** Order.equals ignores nothing today, but the point is every attribute, so each is compared by name. */
  private static void assertOrdersEqual(Sort expected, Sort actual) {
    List<String> want = expected.stream().map(SpringDataPagesTest::describe).toList();
    List<String> got = actual.stream().map(SpringDataPagesTest::describe).toList();
    assertEquals(want, got);
  }

  private static String describe(Order order) {
    return order.getProperty() + " " + order.getDirection() + " ignoreCase=" + order.isIgnoreCase() + " "
        + order.getNullHandling();
  }

  private void assertRefused(Object value, String method, String named) {
    CodecException refused = assertThrows(CodecException.class, () -> codec.encode(value, Types.method(method)));
    assertTrue(refused.getMessage().contains(named) && refused.getMessage().contains("cannot be cached"),
        refused.getMessage());
  }

  private Object roundTrip(Object value, Type type) {
    return codec.decode(codec.encode(value, type), type);
  }

  private String json(Object value, Type type) {
    return new String(codec.encode(value, type), StandardCharsets.UTF_8);
  }

  private Object decode(String json, Type type) {
    return codec.decode((json + "\n").getBytes(StandardCharsets.UTF_8), type);
  }
}
