package io.querylens.agent.cache;

/** What a lookup found: a hit, or a miss with the key's lock free or held (by another JVM, or thread). */
enum Found { HIT, FREE, LOCKED }
