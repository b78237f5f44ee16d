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
import java.util.function.Consumer;
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
    // Runs the last step of the relay once, whichever way it ends, then lets the request finish.
    Consumer<Runnable> finish =
        last -> {
          if (finished.compareAndSet(false, true)) {
            last.run();
            request.resume();
          }
        };
    Runnable dropUpstream = () -> in.request().reset();
    request.suspend();
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.setResponseHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      out.setChunked(true);
    }
    // The caller hung up: stop fetching the rest.
    out.addCloseHandler(() -> finish.accept(dropUpstream));
    in.exceptionHandler(
        failure ->
            finish.accept(
                () -> {
                  LOG.warnf("The upstream answer broke off while relayed: %s", failure.toString());
                  out.reset();
                }));
    in.handler(
        chunk -> {
          try {
            out.write(
                chunk.getBytes(),
                failure -> {
                  if (failure != null) {
                    finish.accept(dropUpstream);
                  }
                });
          } catch (RuntimeException closed) {
            finish.accept(dropUpstream);
            return;
          }
          if (out.isWriteQueueFull()) {
            in.pause();
            out.addDrainHandler(in::resume);
          }
        });
    in.endHandler(ignored -> finish.accept(out::end));
    in.resume();
  }

  /** The blocking path of the JAX-RS interface: RESTEasy Reactive writes through writeResponse. */
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
