package dev.vigil.common.support;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A piece of domain state whose change is reported through the outbox. */
@Entity
@Table(name = "test_widget")
public class Widget extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  public static Widget named(String name) {
    Widget widget = new Widget();
    widget.name = name;
    return widget;
  }
}
