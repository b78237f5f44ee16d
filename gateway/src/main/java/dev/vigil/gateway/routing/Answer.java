package dev.vigil.gateway.routing;

import java.util.Map;

/**
 * An upstream's answer: read in full (API responses are small JSON documents), or, for large GET
 * answers, its status and headers with the body still to be streamed ({@code body} null).
 */
record Answer(int status, Map<String, String> headers, byte[] body, StreamedAnswer streamed) {}
