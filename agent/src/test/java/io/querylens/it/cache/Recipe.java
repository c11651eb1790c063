package io.querylens.it.cache;

import java.util.List;

public record Recipe(int id, String name, List<String> tags) {}
