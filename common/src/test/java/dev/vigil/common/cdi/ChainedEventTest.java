package dev.vigil.common.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChainedEventTest {

  static final class Changed extends ChainedEvent {}

  private final List<String> log = new ArrayList<>();

  @Test
  void observersWorkRunsAfterTheFireInObserverOrderAndOnlyOnSubscription() {
    Uni<Void> published =
        ChainedEvent.publish(
            observedBy(
                e -> {
                  log.add("observer 1");
                  e.then(() -> step("work 1"));
                },
                e -> {
                  log.add("observer 2");
                  e.then(() -> step("work 2"));
                }),
            new Changed());

    assertThat(log).isEmpty();
    published.await().indefinitely();
    assertThat(log).containsExactly("observer 1", "observer 2", "work 1", "work 2");
  }

  @Test
  void aFailingReactionFailsThePublisherAndStopsTheRest() {
    Uni<Void> published =
        ChainedEvent.publish(
            observedBy(
                e -> e.then(() -> Uni.createFrom().failure(new IllegalStateException("refused"))),
                e -> e.then(() -> step("never"))),
            new Changed());

    assertThatThrownBy(() -> published.await().indefinitely()).hasMessage("refused");
    assertThat(log).isEmpty();
  }

  private Uni<Void> step(String name) {
    return Uni.createFrom().item(name).invoke(log::add).replaceWithVoid();
  }

  @SafeVarargs
  private static Event<Changed> observedBy(Consumer<Changed>... observers) {
    return new Event<>() {
      @Override
      public void fire(Changed event) {
        for (Consumer<Changed> observer : observers) {
          observer.accept(event);
        }
      }

      @Override
      public <U extends Changed> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <U extends Changed> CompletionStage<U> fireAsync(
          U event, NotificationOptions options) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Event<Changed> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <U extends Changed> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <U extends Changed> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
