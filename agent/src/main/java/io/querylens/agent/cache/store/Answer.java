package io.querylens.agent.cache.store;

/**
 * A reply and the run of the server that gave it ({@link ServerRuns}): values read under different runs belong to
 * different histories and are never compared.
 */
public record Answer<T>(T value, String run) {}
