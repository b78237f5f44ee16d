package dev.vigil.common.cdi;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A CDI event whose observers answer with reactive work that the publisher chains into its own
 * pipeline, so a lower feature package can announce a change to the features above it without
 * knowing them, and their work still runs in the publisher's Hibernate Reactive session and
 * transaction.
 *
 * <p>A synchronous observer cannot return a {@link Uni}, and an asynchronous one runs outside the
 * session; so an observer registers its work with {@link #then(Supplier)}, and {@link
 * #publish(Event, ChainedEvent)} fires the event and then subscribes to the registered work one
 * after the other, in observer order ({@code @Priority} on the observer parameter, lower first:
 * {@link #CHANGES} before {@link #EVALUATIONS}). A failure fails the publisher's pipeline, as a
 * direct call would.
 */
public abstract class ChainedEvent {

  /** Observer priority of work that changes state in answer (re-encrypting, verifying). */
  public static final int CHANGES = 1000;

  /** Observer priority of controls that judge the state: after every change. */
  public static final int EVALUATIONS = 2000;

  private final List<Supplier<Uni<?>>> reactions = new ArrayList<>();

  /** Called by an observer: work to run after the change, in the publisher's transaction. */
  public final void then(Supplier<Uni<?>> reaction) {
    reactions.add(reaction);
  }

  /** Fires {@code change} to its observers, then runs what they registered, in order. */
  public static <E extends ChainedEvent> Uni<Void> publish(Event<E> event, E change) {
    return Uni.createFrom()
        .deferred(
            () -> {
              event.fire(change);
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Supplier<Uni<?>> reaction : List.copyOf(((ChainedEvent) change).reactions)) {
                chain = chain.chain(reaction::get).replaceWithVoid();
              }
              return chain;
            });
  }
}
