package io.querylens.it.invalidation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "food")
public class Food {
  @Id
  private Integer id;
  private String name;

  protected Food() {}

  public Food(int id, String name) {
    this.id = id;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void rename(String newName) {
    this.name = newName;
  }
}
