package io.querylens.agent.cache.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The application's own Spring Data {@code org.springframework.data.domain} classes, reached by reflection: takes a
 * {@code PageImpl} or {@code SliceImpl} apart into a {@link PageState} and builds an equal one from it.
 *
 * <p>The agent does not link against Spring Data: it runs inside applications with any version, or none, and its class
 * loader could not see the application's copy anyway. The classes are loaded by name from the declared type's own class
 * loader, and the methods and constructors are looked up once per declared class (a {@link ClassValue}, so nothing here
 * keeps an application's classes alive). Only API present from Spring Data 2.0 through 4.x is required: {@code
 * Slice#getContent/getPageable/hasNext}, {@code Page#getTotalElements}, {@code
 * Pageable#getPageNumber/getPageSize/getSort}, {@code Pageable.unpaged()}, {@code PageRequest.of(int, int, Sort)},
 * {@code Sort.by(List)}, {@code Sort.Order}'s getters, its {@code (Direction, String, NullHandling)} constructor and
 * {@code ignoreCase()} (the four-argument constructor only arrived in 3.1), and the {@code PageImpl(List, Pageable,
 * long)} and {@code SliceImpl(List, Pageable, boolean)} constructors. {@code Pageable.unpaged(Sort)} (3.2 and later)
 * is used when present: before 3.2 an unpaged request has no sort.
 *
 * <p>Only Spring Data's own classes are taken apart, exactly: a Page of another class, a Pageable other than {@code
 * PageRequest} or the unpaged one, a subclass of {@code Sort} or {@code Sort.Order} ({@code JpaSort} and its unsafe
 * orders, say) could hold state this does not know, and rebuilding it as the plain class would silently return
 * something else from a cache hit. They are refused instead, and the method runs uncached.
 */
final class SpringDataDomain {
  private static final String DOMAIN = "org.springframework.data.domain.";
  private static final String PAGE = DOMAIN + "Page";
  private static final String SLICE = DOMAIN + "Slice";
  private static final String PAGE_IMPL = DOMAIN + "PageImpl";
  private static final String SLICE_IMPL = DOMAIN + "SliceImpl";
  private static final Set<String> DECLARABLE = Set.of(PAGE, SLICE, PAGE_IMPL, SLICE_IMPL);

  private static final ClassValue<SpringDataDomain> DOMAINS = new ClassValue<>() {
    @Override
    protected SpringDataDomain computeValue(Class<?> declared) {
      return new SpringDataDomain(declared);
    }
  };

  /** A page or slice as the cache stores it; {@code page} and {@code size} are {@code null} when it is unpaged. */
  record PageState(List<?> content, Integer page, Integer size, List<SortOrder> sort, long total, boolean hasNext) {}

  /** One {@code Sort.Order}, its enums by name. */
  record SortOrder(String property, String direction, boolean ignoreCase, String nullHandling) {}

  /** Whether {@code page} reads {@code total} ({@code Page}, {@code PageImpl}) or {@code hasNext}. */
  final boolean hasTotal;

  private final String declaredName;
  private final Class<?> implementation;
  private final Class<?> pageRequest;
  private final Class<?> unpaged;
  private final Class<?> sortClass;
  private final Class<?> orderClass;
  private final Class<? extends Enum<?>> direction;
  private final Class<? extends Enum<?>> nullHandling;
  private final Method content;
  private final Method pageable;
  private final Method totalOrHasNext;
  private final Method pageNumber;
  private final Method pageSize;
  private final Method sortOf;
  private final Method orderProperty;
  private final Method orderDirection;
  private final Method orderIgnoresCase;
  private final Method orderNullHandling;
  private final Method pageRequestOf;
  private final Method unpagedUnsorted;
  /** {@code null} before Spring Data 3.2. */
  private final Method unpagedSorted;
  private final Method sortBy;
  private final Constructor<?> newOrder;
  private final Method ignoreCase;
  private final Constructor<?> newImplementation;

  private SpringDataDomain(Class<?> declared) {
    ClassLoader loader = declared.getClassLoader();
    String name = declared.getName();
    this.declaredName = name;
    this.hasTotal = name.equals(PAGE) || name.equals(PAGE_IMPL);
    this.implementation = load(hasTotal ? PAGE_IMPL : SLICE_IMPL, loader);
    Class<?> slice = load(SLICE, loader);
    Class<?> pageableClass = load(DOMAIN + "Pageable", loader);
    this.pageRequest = load(DOMAIN + "PageRequest", loader);
    this.sortClass = load(DOMAIN + "Sort", loader);
    this.orderClass = load(DOMAIN + "Sort$Order", loader);
    this.direction = enumClass(DOMAIN + "Sort$Direction", loader);
    this.nullHandling = enumClass(DOMAIN + "Sort$NullHandling", loader);

    this.content = method(slice, "getContent");
    this.pageable = method(slice, "getPageable");
    this.totalOrHasNext = hasTotal ? method(load(PAGE, loader), "getTotalElements") : method(slice, "hasNext");
    this.pageNumber = method(pageableClass, "getPageNumber");
    this.pageSize = method(pageableClass, "getPageSize");
    this.sortOf = method(pageableClass, "getSort");
    this.orderProperty = method(orderClass, "getProperty");
    this.orderDirection = method(orderClass, "getDirection");
    this.orderIgnoresCase = method(orderClass, "isIgnoreCase");
    this.orderNullHandling = method(orderClass, "getNullHandling");

    this.pageRequestOf = method(pageRequest, "of", int.class, int.class, sortClass);
    this.unpagedUnsorted = method(pageableClass, "unpaged");
    this.unpagedSorted = optionalMethod(pageableClass, "unpaged", sortClass);
    this.unpaged = invoke(unpagedUnsorted, null).getClass();
    this.sortBy = method(sortClass, "by", List.class);
    this.newOrder = constructor(orderClass, direction, String.class, nullHandling);
    this.ignoreCase = method(orderClass, "ignoreCase");
    this.newImplementation =
        constructor(implementation, List.class, pageableClass, hasTotal ? long.class : boolean.class);
  }

  /** Whether the codec writes values declared as {@code raw} as a page: Spring Data's Page, Slice and their classes. */
  static boolean isDeclarable(Class<?> raw) {
    return DECLARABLE.contains(raw.getName());
  }

  /**
   * The classes and methods for values declared as {@code declared}, one of {@link #isDeclarable}'s.
   *
   * @throws IllegalStateException if the application's Spring Data lacks one of them
   */
  static SpringDataDomain of(Class<?> declared) {
    return DOMAINS.get(declared);
  }

  /**
   * The state of {@code value}, an instance of the declared type.
   *
   * @throws IllegalArgumentException with the reason, if it is not exactly Spring Data's own class, or holds a
   *     Pageable or Sort that would not come back as itself
   */
  PageState read(Object value) {
    if (value.getClass() != implementation) {
      throw new IllegalArgumentException("a " + value.getClass().getName() + " where " + declaredName
          + " is declared cannot be cached: only " + implementation.getName() + " is rebuilt from the cache");
    }
    Object request = invoke(pageable, value);
    boolean paged = request.getClass() == pageRequest;
    if (!paged && request.getClass() != unpaged) {
      throw new IllegalArgumentException("a page of a " + request.getClass().getName() + " cannot be cached: only "
          + pageRequest.getName() + " and Pageable.unpaged() are rebuilt from the cache");
    }
    Object total = invoke(totalOrHasNext, value);
    return new PageState((List<?>) invoke(content, value), paged ? (Integer) invoke(pageNumber, request) : null,
        paged ? (Integer) invoke(pageSize, request) : null, orders(invoke(sortOf, request)),
        hasTotal ? (Long) total : 0, !hasTotal && (Boolean) total);
  }

  private List<SortOrder> orders(Object sort) {
    if (sort.getClass() != sortClass) {
      throw new IllegalArgumentException("a page sorted by a " + sort.getClass().getName() + " cannot be cached:"
          + " only " + sortClass.getName() + " is rebuilt from the cache");
    }
    List<SortOrder> orders = new ArrayList<>();
    for (Object order : (Iterable<?>) sort) {
      if (order.getClass() != orderClass) {
        throw new IllegalArgumentException("a page sorted by a " + order.getClass().getName() + " cannot be cached:"
            + " only " + orderClass.getName() + " is rebuilt from the cache");
      }
      Object nulls = invoke(orderNullHandling, order);
      if (nulls == null) {
        throw new IllegalArgumentException("a sort order without null handling cannot be cached");
      }
      orders.add(new SortOrder((String) invoke(orderProperty, order), ((Enum<?>) invoke(orderDirection, order)).name(),
          (Boolean) invoke(orderIgnoresCase, order), ((Enum<?>) nulls).name()));
    }
    return orders;
  }

  /**
   * A new {@code PageImpl} or {@code SliceImpl} holding {@code state}.
   *
   * @throws IllegalArgumentException with the reason, if Spring Data rejects the state (a negative page, an unknown
   *     direction, an empty property...)
   */
  Object build(PageState state) {
    List<Object> orders = new ArrayList<>();
    for (SortOrder order : state.sort()) {
      Object built = construct(newOrder, enumConstant(direction, order.direction()), order.property(),
          enumConstant(nullHandling, order.nullHandling()));
      orders.add(order.ignoreCase() ? invoke(ignoreCase, built) : built);
    }
    Object sort = invoke(sortBy, null, orders);
    Object request;
    if (state.page() != null) {
      request = invoke(pageRequestOf, null, state.page(), state.size(), sort);
    } else if (orders.isEmpty()) {
      request = invoke(unpagedUnsorted, null);
    } else if (unpagedSorted != null) {
      request = invoke(unpagedSorted, null, sort);
    } else {
      throw new IllegalArgumentException("a sorted unpaged request needs Pageable.unpaged(Sort), Spring Data 3.2 or"
          + " later");
    }
    return construct(newImplementation, state.content(), request, hasTotal ? state.total() : state.hasNext());
  }

  private static Object enumConstant(Class<? extends Enum<?>> type, String name) {
    for (Enum<?> constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("no " + type.getName() + " named " + name);
  }

  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Spring Data's " + method.getDeclaringClass().getSimpleName() + "."
          + method.getName() + " failed: " + e.getCause(),
          e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call Spring Data's " + method, e);
    }
  }

  private static Object construct(Constructor<?> constructor, Object... arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Spring Data's " + constructor.getDeclaringClass().getSimpleName()
          + " constructor failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot call Spring Data's " + constructor, e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Spring Data's " + name + " is not visible beside the declared type", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Enum<?>> enumClass(String name, ClassLoader loader) {
    Class<?> type = load(name, loader);
    if (!type.isEnum()) {
      throw new IllegalStateException("Spring Data's " + name + " is not an enum");
    }
    return (Class<? extends Enum<?>>) type;
  }

  private static Method method(Class<?> owner, String name, Class<?>... parameters) {
    Method method = optionalMethod(owner, name, parameters);
    if (method == null) {
      throw new IllegalStateException("Spring Data's " + owner.getName() + " has no public " + name + " method"
          + " with the expected parameters");
    }
    return method;
  }

  private static Method optionalMethod(Class<?> owner, String name, Class<?>... parameters) {
    try {
      return owner.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Constructor<?> constructor(Class<?> owner, Class<?>... parameters) {
    try {
      return owner.getConstructor(parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Spring Data's " + owner.getName() + " has no public constructor with the"
          + " expected parameters", e);
    }
  }
}
