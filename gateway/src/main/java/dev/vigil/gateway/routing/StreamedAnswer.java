package dev.vigil.gateway.routing;

import io.vertx.core.http.HttpClientResponse;

/**
 * An upstream's answer whose body is relayed as it arrives ({@link StreamedAnswerWriter}); paused
 * until then.
 */
record StreamedAnswer(HttpClientResponse response) {}
