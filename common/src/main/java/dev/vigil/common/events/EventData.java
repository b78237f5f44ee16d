package dev.vigil.common.events;

/**
 * The data of one Vigil event type: a record in vigil-common with a {@code public static final
 * String TYPE}, listed in {@link EventCatalog}, whose JSON its published schema accepts. Producers
 * build these records; consumers decode an event once with {@link CloudEvent#dataAs(Class)}.
 */
public interface EventData {}
