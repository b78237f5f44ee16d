package dev.vigil.gateway.routing;

import io.vertx.core.http.HttpClientResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Relays a {@link StreamedAnswer} chunk by chunk, after the response filters ran (so the call is
 * audited like any other), holding the upstream back while the caller reads slower than it sends.
 *
 * <p>An upstream that fails mid-answer, or a caller that hangs up, resets the other side's
 * connection: a caller never receives a cut-off body that looks complete.
 */
@Provider
public class StreamedAnswerWriter implements ServerMessageBodyWriter<StreamedAnswer> {

  private static final Logger LOG = Logger.getLogger(StreamedAnswerWriter.class);

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
    return StreamedAnswer.class.isAssignableFrom(type);
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return StreamedAnswer.class.isAssignableFrom(type);
  }

  @Override
  public void writeResponse(StreamedAnswer answer, Type genericType, ServerRequestContext context) {
    ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
    ServerHttpResponse out = context.serverResponse();
    HttpClientResponse in = answer.claim();
    if (in == null || out.closed()) {
      // Dropped after the deadline, or the caller is gone already: nothing to relay.
      if (in != null) {
        in.request().reset();
      }
      out.reset();
      return;
    }
    AtomicBoolean finished = new AtomicBoolean();
    request.suspend();
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.setResponseHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      out.setChunked(true);
    }
    out.addCloseHandler(
        () -> {
          if (finished.compareAndSet(false, true)) {
            // The caller hung up: stop fetching the rest.
            in.request().reset();
            request.resume();
          }
        });
    in.exceptionHandler(
        failure -> {
          if (finished.compareAndSet(false, true)) {
            LOG.warnf("The upstream answer broke off while relayed: %s", failure.toString());
            out.reset();
            request.resume();
          }
        });
    in.handler(
        chunk -> {
          try {
            out.write(
                chunk.getBytes(),
                failure -> {
                  if (failure != null && finished.compareAndSet(false, true)) {
                    in.request().reset();
                    request.resume();
                  }
                });
          } catch (RuntimeException closed) {
            if (finished.compareAndSet(false, true)) {
              in.request().reset();
              request.resume();
            }
            return;
          }
          if (out.isWriteQueueFull()) {
            in.pause();
            out.addDrainHandler(in::resume);
          }
        });
    in.endHandler(
        ignored -> {
          if (finished.compareAndSet(false, true)) {
            out.end();
            request.resume();
          }
        });
    in.resume();
  }

  @Override
  public void writeTo(
      StreamedAnswer answer,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream) {
    throw new UnsupportedOperationException("a streamed answer is written by writeResponse only");
  }
}
