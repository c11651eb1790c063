package io.querylens.agent.instrumentation;

import java.util.Set;

/**
 * Fields the agent adds to the topmost class of a hierarchy that reaches one of {@link #supertypes}, with an
 * interface whose methods read and write them ({@code String __querylensSql()} and
 * {@code void __querylensSql(String)} for a field {@code __querylensSql}). Subclasses inherit them; a second copy in a
 * subclass would shadow the first.
 *
 * @param supertypes internal names, as in {@link MethodHook#supertypes()}
 * @param holder the internal name of the interface, which declares an accessor pair per field
 * @param fields per field, its name and its descriptor (of a reference type)
 */
public record StateFields(Set<String> supertypes, String holder, java.util.Map<String, String> fields) {}
